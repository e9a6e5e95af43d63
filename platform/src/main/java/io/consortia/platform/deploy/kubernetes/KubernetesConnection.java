package io.consortia.platform.deploy.kubernetes;

import io.consortia.platform.system.KubernetesProperties;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's client of its cluster, when {@value KubernetesProperties#ENABLED}: from the
 * configured kubeconfig file, else from the pod's service account (in-cluster) or fabric8's
 * usual discovery ({@code KUBECONFIG}, {@code ~/.kube/config}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = KubernetesProperties.ENABLED, havingValue = "true")
class KubernetesConnection {

    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient(KubernetesProperties properties) {
        return new KubernetesClientBuilder().withConfig(config(properties.kubeconfig())).build();
    }

    static Config config(String kubeconfig) {
        if (kubeconfig == null || kubeconfig.isBlank()) {
            return Config.autoConfigure(null);
        }
        Path file = Path.of(kubeconfig);
        try {
            return Config.fromKubeconfig(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("consortia.kubernetes.kubeconfig: cannot read " + file.toAbsolutePath(), e);
        }
    }
}
