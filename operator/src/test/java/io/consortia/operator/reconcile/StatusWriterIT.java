package io.consortia.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.operator.TestNetworks;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.consortia.operator.api.NetworkNodeStatus;
import io.consortia.operator.api.NodeChannelStatus;
import io.consortia.operator.api.Phase;
import io.consortia.kubetest.controlplane.ControlPlane;
import io.consortia.kubetest.controlplane.KubeBinaries;
import io.consortia.operator.ConsortiaOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status write against a real API server (kubetest's control plane, no kubelet and no operator
 * running): the fabric8 mock server appends lists in a merge patch, where Kubernetes replaces them.
 */
class StatusWriterIT {
    private static ControlPlane plane;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        KubeBinaries.locate();
        plane = ControlPlane.start();
        client = plane.client();
        ConsortiaOperator.installCrd(client);
    }

    @AfterAll
    static void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    private static ConsortiaNetworkStatus status(Phase phase, int nodes, int channels) {
        ConsortiaNetworkStatus status = new ConsortiaNetworkStatus();
        status.setPhase(phase);
        List<NetworkNodeStatus> list = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            NetworkNodeStatus node = new NetworkNodeStatus("org1-" + i, "org1");
            List<NodeChannelStatus> channelList = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                channelList.add(new NodeChannelStatus("ch" + c, c == 0 ? "LEADER" : "FOLLOWER", 10 + c));
            }
            node.setChannels(channelList);
            list.add(node);
        }
        status.setNodes(list);
        return status;
    }

    /**
     * A write from the newest copy replaces the server's status whole, lists included; a write from a
     * copy the server has moved on from is a 409 (which the operator SDK's retry answers with its
     * newer cached copy), never a 422 as the SDK's JSON Patch from a stale copy was.
     */
    @Test
    void a_status_replaces_the_server_s_whole_and_a_stale_copy_is_a_conflict() {
        ConsortiaNetwork network = TestNetworks.network("acme", 3, 1).network();
        network.getMetadata().setUid(null);
        network.getMetadata().setGeneration(null);
        client.resource(network).create();
        StatusWriter writer = new StatusWriter(client);
        ConsortiaNetwork first = client.resources(ConsortiaNetwork.class).withName("acme").get();
        first.setStatus(status(Phase.Ready, 3, 2));
        ConsortiaNetwork written = writer.write(first);

        ConsortiaNetworkStatus next = status(Phase.Progressing, 2, 1);
        written.setStatus(next);
        writer.write(written);

        ConsortiaNetwork stored = client.resources(ConsortiaNetwork.class).withName("acme").get();
        assertThat(stored.getStatus().getPhase()).isEqualTo(Phase.Progressing);
        assertThat(stored.getStatus().getNodes()).isEqualTo(next.getNodes());
        assertThat(stored.getSpec()).isEqualTo(network.getSpec());

        first.setStatus(status(Phase.Degraded, 1, 1)); // computed from the copy before both writes
        assertThatThrownBy(() -> writer.write(first)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(client.resources(ConsortiaNetwork.class).withName("acme").get().getStatus().getNodes())
                .isEqualTo(next.getNodes());
    }
}
