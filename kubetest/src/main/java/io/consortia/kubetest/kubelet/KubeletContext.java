package io.consortia.kubetest.kubelet;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;

/** What every Pod worker of one kubelet shares. */
record KubeletContext(
        KubernetesClient client,
        ImageCatalog catalog,
        ClusterHosts hosts,
        IpPool ips,
        Path podsDirectory,
        String apiServerHost,
        int apiServerPort,
        Duration maxTerminationGrace,
        Duration maxBackOff) {

    /** -D options that make a JVM resolve the cluster's names through the hosts file, without caching. */
    String javaToolOptions() {
        return "-Djdk.net.hosts.file=" + hosts.file() + " -Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0";
    }
}
