package io.consortia.kubetest.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1beta1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1beta1.EndpointSliceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterHostsTest {
    @TempDir
    Path dir;

    @Test
    void podsAndServicesGetTheirClusterNames() throws Exception {
        Service headless = new ServiceBuilder().withNewMetadata().withName("org1-peers").withNamespace("net")
                .endMetadata().withNewSpec().withClusterIP("None").endSpec().build();
        Service client = new ServiceBuilder().withNewMetadata().withName("org1").withNamespace("net").endMetadata()
                .withNewSpec().withClusterIP("10.0.0.12").endSpec().build();
        EndpointSlice peers = slice("org1-peers", "127.0.1.5", "127.0.1.6");
        // a ClusterIP Service's slice with a not-ready Pod (127.0.1.4): not in the file
        EndpointSlice clients = new EndpointSliceBuilder(slice("org1", "127.0.1.6", "127.0.1.5"))
                .addNewEndpoint().withAddresses("127.0.1.4").withNewConditions().withReady(false).endConditions()
                .endEndpoint().build();
        ClusterHosts hosts = new ClusterHosts(dir.resolve("hosts"), () -> List.of(headless, client),
                () -> List.of(peers, clients));
        hosts.addPod("u0", new ClusterHosts.PodEntry("net", "org1-0", "org1-0", "org1-peers", "127.0.1.5"));
        hosts.addPod("u1", new ClusterHosts.PodEntry("net", "org1-1", "org1-1", "org1-peers", "127.0.1.6"));

        List<String> lines = Files.readAllLines(dir.resolve("hosts"));
        assertThat(lines).contains(
                "127.0.0.1 localhost",
                "127.0.1.5 org1-0.org1-peers.net.svc.cluster.local",
                "127.0.1.5 org1-0.org1-peers.net.svc",
                "127.0.1.5 org1-0",
                "127.0.1.6 org1-1.org1-peers",
                "127.0.1.5 org1-peers.net.svc.cluster.local",
                "127.0.1.6 org1-peers.net.svc.cluster.local",
                "127.0.1.5 org1.net.svc.cluster.local",
                "127.0.1.5 org1.net",
                "127.0.0.1 kubernetes.default.svc.cluster.local");
        // a ClusterIP Service has one address: no kube-proxy to spread connections
        assertThat(lines).doesNotContain("127.0.1.6 org1.net.svc.cluster.local", "127.0.1.4 org1.net.svc.cluster.local");

        hosts.removePod("u0");
        assertThat(Files.readString(dir.resolve("hosts"))).doesNotContain("org1-0.org1-peers");
    }

    private static EndpointSlice slice(String service, String... ips) {
        EndpointSliceBuilder builder = new EndpointSliceBuilder().withNewMetadata().withName(service + "-abcde")
                .withNamespace("net").withLabels(java.util.Map.of("kubernetes.io/service-name", service)).endMetadata()
                .withAddressType("IPv4");
        for (String ip : ips) {
            builder.addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        return builder.build();
    }
}
