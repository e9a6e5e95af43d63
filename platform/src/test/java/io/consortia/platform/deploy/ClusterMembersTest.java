package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.organization.Organization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * An organisation joining a running network on a desired-state target: its nodes are planned
 * together and handed to the target at once; a join the target fails is undone (out of the desired
 * state, certificates revoked, records deleted), so that nothing is left that no operation can
 * finish. Deployment service, node records (H2) and certificates are the platform's; the target is
 * a mock (KubernetesDeploymentIT runs a join and a leave on the real test cluster).
 */
class ClusterMembersTest {
    private final NetworkDeployer cluster = mock(NetworkDeployer.class);
    private AddNodeFixture fixture;
    private long consortium;
    private Organization org1;

    @BeforeEach
    void setUp() {
        when(cluster.target()).thenReturn("KUBERNETES");
        when(cluster.changesMembers()).thenReturn(true);
        when(cluster.selfHealing()).thenReturn(true);
        when(cluster.isServing(any())).thenReturn(true);
        when(cluster.isRunning(any())).thenReturn(true);
        when(cluster.nodeId(anyLong(), any(), anyInt())).thenAnswer(call ->
                "c1-org1-" + call.getArgument(2, Integer.class));
        when(cluster.place(anyLong(), anyString())).thenAnswer(call -> new NodePlacement(
                call.getArgument(1) + ".ns.svc", 7051, 7052, 9464, "kubernetes:ns/" + call.getArgument(1)));
        when(cluster.tlsHosts(any())).thenReturn(List.of("localhost"));
        fixture = new AddNodeFixture("KUBERNETES", records -> cluster, Duration.ofSeconds(10));
        consortium = fixture.consortium;
        org1 = fixture.org1;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_joining_organisation_s_nodes_go_to_the_cluster_together_and_serve() {
        Deployment done = fixture.finished(fixture.deployments.deployMember("alice", consortium, org1.id()));

        assertThat(done.status()).as(done.reason()).isEqualTo("SUCCEEDED");
        ArgumentCaptor<NetworkPlan.Member> member = ArgumentCaptor.forClass(NetworkPlan.Member.class);
        verify(cluster).addMember(eq(consortium), member.capture(), any());
        assertThat(member.getValue().nodes()).extracting(n -> n.record().nodeId())
                .containsExactly("c1-org1-0", "c1-org1-1");
        assertThat(fixture.nodes.ofOrganization(consortium, org1.id()))
                .extracting(NodeRecord::nodeId, NodeRecord::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1-org1-0", NodeStatus.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("c1-org1-1", NodeStatus.RUNNING));
        verify(fixture.consortia).record(eq(consortium), eq(org1.id()), eq("NODES_DEPLOYED"), eq("alice"),
                eq("c1-org1-0, c1-org1-1 (in no channel until a proposal adds the organisation)"));
    }

    @Test
    void a_join_the_cluster_fails_is_undone_and_says_why() {
        doThrow(new IllegalStateException("StatefulSet c1-org1 did not get its 2 pod(s) Ready within 3 s"))
                .when(cluster).addMember(anyLong(), any(), any());

        Deployment failed = fixture.finished(fixture.deployments.deployMember("alice", consortium, org1.id()));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.reason()).isEqualTo("Deploying the nodes of org1 failed: StatefulSet c1-org1 did not get "
                + "its 2 pod(s) Ready within 3 s. It was undone: the organisation is out of the network's desired "
                + "state, its keys and volume claims are deleted, its nodes' certificates revoked and their records "
                + "deleted; adding a node to it deploys them again");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<NodeRecord>> removed = ArgumentCaptor.forClass(List.class);
        verify(cluster).removeMember(eq(consortium), removed.capture(), any());
        assertThat(removed.getValue()).extracting(NodeRecord::nodeId).containsExactly("c1-org1-0", "c1-org1-1");
        verify(fixture.revocations, times(2)).revoke(any(), eq("alice"),
                eq("cessationOfOperation: organisation's nodes not deployed"));
        assertThat(fixture.nodes.ofOrganization(consortium, org1.id())).isEmpty();
        assertThat(failed.steps()).extracting(s -> s.name() + ": " + s.status()).containsSubsequence(
                "Issue certificates for c1-org1-1: DONE", "Revoke the certificates of c1-org1-0: DONE",
                "Remove c1-org1-0: DONE", "Revoke the certificates of c1-org1-1: DONE", "Remove c1-org1-1: DONE");
        verify(fixture.consortia, never()).record(anyLong(), anyLong(), eq("NODES_DEPLOYED"), anyString(), anyString());
    }

    @Test
    void a_join_whose_undo_fails_too_names_both_and_keeps_the_records() {
        doThrow(new IllegalStateException("the cluster did not answer")).when(cluster).addMember(anyLong(), any(),
                any());
        doThrow(new IllegalStateException("the cluster still did not answer")).when(cluster).removeMember(anyLong(),
                anyList(), any());

        Deployment failed = fixture.finished(fixture.deployments.deployMember("alice", consortium, org1.id()));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.reason()).isEqualTo("Deploying the nodes of org1 failed: the cluster did not answer. Taking "
                + "them back out failed too: the cluster still did not answer. Its leave from the consortium (or its "
                + "removal by vote) takes them out");
        verify(fixture.revocations, never()).revoke(any(), anyString(), anyString());
        List<NodeRecord> left = fixture.nodes.ofOrganization(consortium, org1.id());
        assertThat(left).hasSize(2).allSatisfy(node -> {
            assertThat(node.status()).isEqualTo(NodeStatus.FAILED);
            assertThat(node.lastError()).isEqualTo(failed.reason());
        });

        // deploying them again is refused, naming what to remove first
        Deployment again = fixture.finished(fixture.deployments.deployMember("alice", consortium, org1.id()));
        assertThat(again.status()).isEqualTo("FAILED");
        assertThat(again.reason()).isEqualTo("Organisation org1 still has nodes from an earlier deployment "
                + "([c1-org1-0, c1-org1-1]): its leave from the consortium (or its removal by vote) takes them out, "
                + "and an invitation accepted again deploys its nodes anew");
    }

    @Test
    void adding_a_node_to_an_organisation_without_any_deploys_its_nodes_and_joins_its_channels() {
        when(cluster.changesNodes()).thenReturn(true);

        Deployment done = fixture.finished(fixture.deployments.addNode(fixture.leader, consortium, org1.id()));

        assertThat(done.action()).isEqualTo("DEPLOY_MEMBER");
        assertThat(done.status()).as(done.reason()).isEqualTo("SUCCEEDED");
        verify(cluster).addMember(eq(consortium), any(), any());
        verify(cluster, never()).requireAddable(anyLong(), anyString());
        verify(fixture.membership, times(2)).join(any(), any());
        verify(fixture.consortia).record(eq(consortium), eq(org1.id()), eq("NODES_DEPLOYED"), eq("alice"),
                eq("c1-org1-0: joined trade; c1-org1-1: joined trade"));
        assertThat(fixture.nodes.ofOrganization(consortium, org1.id())).extracting(NodeRecord::nodeId)
                .containsExactly("c1-org1-0", "c1-org1-1");
    }
}
