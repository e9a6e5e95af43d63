package io.consortia.kubetest.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's environment as Kubernetes defines it: {@code envFrom} first, then {@code env} in order, each value
 * {@code $(VAR)}-expanded against what is defined before it; values from literals, {@code fieldRef},
 * {@code configMapKeyRef} and {@code secretKeyRef}.
 */
final class PodEnvironment {
    private final KubernetesClient client;
    private final Pod pod;
    private final String podIp;

    PodEnvironment(KubernetesClient client, Pod pod, String podIp) {
        this.client = client;
        this.pod = pod;
        this.podIp = podIp;
    }

    /** The variables the Pod spec defines for {@code container}, in definition order. */
    Map<String, String> resolve(Container container, Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource source : container.getEnvFrom()) {
                String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                if (source.getConfigMapRef() != null) {
                    ConfigMap map = configMap(source.getConfigMapRef().getName(),
                            source.getConfigMapRef().getOptional());
                    if (map != null && map.getData() != null) {
                        map.getData().forEach((k, v) -> env.put(prefix + k, v));
                    }
                }
                if (source.getSecretRef() != null) {
                    Secret secret = secret(source.getSecretRef().getName(), source.getSecretRef().getOptional());
                    if (secret != null && secret.getData() != null) {
                        secret.getData().forEach((k, v) -> env.put(prefix + k, decode(v)));
                    }
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar variable : container.getEnv()) {
                String value;
                if (variable.getValueFrom() != null) {
                    value = valueFrom(variable.getName(), variable.getValueFrom());
                    if (value == null) {
                        continue;
                    }
                } else {
                    value = Expansion.expand(variable.getValue() == null ? "" : variable.getValue(), name -> {
                        String defined = env.get(name);
                        return defined != null ? defined : base.get(name);
                    });
                }
                env.put(variable.getName(), value);
            }
        }
        return env;
    }

    private String valueFrom(String name, EnvVarSource source) {
        if (source.getFieldRef() != null) {
            return FieldRefs.resolve(pod, source.getFieldRef().getFieldPath(), podIp);
        }
        if (source.getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = source.getConfigMapKeyRef();
            ConfigMap map = configMap(ref.getName(), ref.getOptional());
            String value = map == null || map.getData() == null ? null : map.getData().get(ref.getKey());
            if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
                throw new PodNotReadyException("CreateContainerConfigError", "env " + name + ": configmap "
                        + ref.getName() + " has no key " + ref.getKey());
            }
            return value;
        }
        if (source.getSecretKeyRef() != null) {
            SecretKeySelector ref = source.getSecretKeyRef();
            Secret secret = secret(ref.getName(), ref.getOptional());
            String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(ref.getKey());
            if (encoded == null && !Boolean.TRUE.equals(ref.getOptional())) {
                throw new PodNotReadyException("CreateContainerConfigError", "env " + name + ": secret "
                        + ref.getName() + " has no key " + ref.getKey());
            }
            return encoded == null ? null : decode(encoded);
        }
        throw new PodNotReadyException("CreateContainerConfigError", "env " + name
                + ": the test kubelet supports fieldRef, configMapKeyRef and secretKeyRef only");
    }

    private ConfigMap configMap(String name, Boolean optional) {
        ConfigMap map = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(name).get();
        if (map == null && !Boolean.TRUE.equals(optional)) {
            throw new PodNotReadyException("CreateContainerConfigError", "configmap " + name + " not found");
        }
        return map;
    }

    private Secret secret(String name, Boolean optional) {
        Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace()).withName(name).get();
        if (secret == null && !Boolean.TRUE.equals(optional)) {
            throw new PodNotReadyException("CreateContainerConfigError", "secret " + name + " not found");
        }
        return secret;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
