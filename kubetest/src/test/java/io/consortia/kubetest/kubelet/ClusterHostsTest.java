package io.consortia.kubetest.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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
        Endpoints peers = endpoints("org1-peers", "127.0.1.5", "127.0.1.6");
        Endpoints clients = endpoints("org1", "127.0.1.6", "127.0.1.5");
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
        assertThat(lines).doesNotContain("127.0.1.6 org1.net.svc.cluster.local");

        hosts.removePod("u0");
        assertThat(Files.readString(dir.resolve("hosts"))).doesNotContain("org1-0.org1-peers");
    }

    private static Endpoints endpoints(String name, String... ips) {
        EndpointsBuilder builder = new EndpointsBuilder().withNewMetadata().withName(name).withNamespace("net")
                .endMetadata();
        var subset = builder.addNewSubset();
        for (String ip : ips) {
            subset.addNewAddress().withIp(ip).endAddress();
        }
        return subset.endSubset().build();
    }
}
