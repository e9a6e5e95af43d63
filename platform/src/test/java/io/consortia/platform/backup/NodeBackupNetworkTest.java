package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.deploy.NodeLifecycle;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.PlatformProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/**
 * A node is backed up and restored while its network runs: a restored node starts again and
 * catches up with its peers, which a stopped network does not have. Both are refused up front
 * (409, no operation started, nothing on disk touched) with what to do.
 */
class NodeBackupNetworkTest {
    private static final long CONSORTIUM = 7;
    private static final long ORG = 2;
    @TempDir
    Path dir;
    private NodeLifecycle lifecycle;
    private NodeBackupRepository backups;
    private ConsortiumService consortia;
    private NodeBackupService service;
    private final Caller orgAdmin = new Caller(2, "org-admin", null, ORG, OrganizationRole.ADMIN);
    private final NodeRecord node = new NodeRecord(3, "c7-org2-0", CONSORTIUM, ORG, "127.0.0.1", 7003, 8003, 9003,
            "/tmp/n3", "STOPPED", NodeStatus.STOPPED, null, 0, null, 0);

    @BeforeEach
    void setUp() {
        lifecycle = mock(NodeLifecycle.class);
        backups = mock(NodeBackupRepository.class);
        consortia = mock(ConsortiumService.class);
        PlatformProperties properties = mock(PlatformProperties.class);
        when(properties.dataDir()).thenReturn(dir);
        when(lifecycle.node(node.nodeId())).thenReturn(node);
        when(lifecycle.localConfig(node)).thenReturn(Optional.of(dir.resolve("node.yaml")));
        when(backups.byId(11)).thenReturn(Optional.of(new NodeBackupRecord(11, CONSORTIUM, node.nodeId(), 1024,
                "ab".repeat(32), List.of(new NodeBackupRecord.ChannelState("main", 12, "cd".repeat(32), 30)),
                "org-admin", 0, true)));
        when(backups.file(11)).thenReturn(Optional.of(dir.resolve("b.tar.gz")));
        service = new NodeBackupService(lifecycle, backups, mock(NetworkClients.class), consortia,
                mock(ChannelService.class), properties);
    }

    @Test
    void a_backup_of_a_node_of_a_stopped_network_is_refused() {
        network(ConsortiumStatus.STOPPED);
        PlatformException refused = catchThrowableOfType(PlatformException.class,
                () -> service.backup(orgAdmin, node.nodeId()));
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getMessage()).contains("is STOPPED");
        verify(lifecycle, never()).run(any(), anyLong(), anyString(), any());
    }

    @Test
    void a_restore_of_a_node_of_a_stopped_network_is_refused_up_front_saying_to_start_it_first() {
        network(ConsortiumStatus.STOPPED);
        PlatformException refused = catchThrowableOfType(PlatformException.class,
                () -> service.restore(orgAdmin, node.nodeId(), 11));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getMessage()).contains("the network of consortium " + CONSORTIUM + " is STOPPED",
                "start the network first", "POST /api/v1/consortia/" + CONSORTIUM + "/network/start",
                "then restore node " + node.nodeId() + " from backup 11");
        verify(lifecycle, never()).run(any(), anyLong(), anyString(), any());
    }

    @Test
    void a_restore_of_a_node_of_a_running_network_is_started() {
        network(ConsortiumStatus.RUNNING);
        service.restore(orgAdmin, node.nodeId(), 11);
        verify(lifecycle).run(any(), anyLong(), anyString(), any());
    }

    /** ./consortia restore-node X --backup 999 answered 400 "Backup 999 is not a backup of node X" for a backup that does not exist. */
    @Test
    void a_restore_from_a_backup_that_does_not_exist_is_404_and_from_another_node_s_backup_400() {
        network(ConsortiumStatus.RUNNING);
        when(backups.byId(999)).thenReturn(Optional.empty());
        PlatformException missing = catchThrowableOfType(PlatformException.class,
                () -> service.restore(orgAdmin, node.nodeId(), 999));
        assertThat(missing.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getMessage()).isEqualTo("Backup 999 does not exist");

        when(backups.byId(12)).thenReturn(Optional.of(new NodeBackupRecord(12, CONSORTIUM, "c7-org2-1", 1024,
                "ab".repeat(32), List.of(), "org-admin", 0, true)));
        PlatformException other = catchThrowableOfType(PlatformException.class,
                () -> service.restore(orgAdmin, node.nodeId(), 12));
        assertThat(other.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(other.getMessage()).contains("Backup 12 is not a backup of node c7-org2-0", "c7-org2-1");
        verify(lifecycle, never()).run(any(), anyLong(), anyString(), any());
    }

    /**
     * A node that is not running when its restore is asked for (stopped by an earlier restore the
     * platform's restart interrupted, or crashed) is started by the operation; the wait for it to
     * catch up read its heights through the record taken before it was started, whose status
     * said STOPPED, so it saw no height and waited the whole 15 minutes before failing (found by a
     * tester: a restore of a node left stopped sat at "Wait for c1-beta-0 to catch up" with the
     * node at its peers' height).
     */
    @Test
    void a_restore_of_a_node_that_was_stopped_sees_it_catch_up_once_it_runs() {
        network(ConsortiumStatus.RUNNING);
        NodeRecord running = new NodeRecord(3, "c7-org2-0", CONSORTIUM, ORG, "127.0.0.1", 7003, 8003, 9003,
                "/tmp/n3", "RUNNING", NodeStatus.RUNNING, 4242L, 0, null, 0);
        NodeRecord peer = new NodeRecord(4, "c7-org3-0", CONSORTIUM, 3, "127.0.0.1", 7004, 8004, 9004,
                "/tmp/n4", "RUNNING", NodeStatus.RUNNING, 4343L, 0, null, 0);
        // the restore reads the node as it is asked (STOPPED); once its steps started it, it runs
        when(lifecycle.node(node.nodeId())).thenReturn(node, running);
        when(lifecycle.nodes(CONSORTIUM)).thenReturn(List.of(running, peer));
        when(lifecycle.heights(peer)).thenReturn(java.util.Map.of("main", 20L));
        when(lifecycle.heights(running)).thenReturn(java.util.Map.of("main", 20L));
        when(lifecycle.heights(node)).thenReturn(java.util.Map.of()); // as the deployer answers for a record not RUNNING
        org.mockito.ArgumentCaptor<java.util.function.Consumer<NodeLifecycle.Steps>> work =
                org.mockito.ArgumentCaptor.forClass(java.util.function.Consumer.class);
        service.restore(orgAdmin, node.nodeId(), 11);
        verify(lifecycle).run(any(), anyLong(), anyString(), work.capture());
        String catchUp = io.consortia.platform.deploy.DeploymentTexts.AWAIT_CATCH_UP.of(node.nodeId());
        java.util.List<String> details = new java.util.ArrayList<>();
        NodeLifecycle.Steps steps = new NodeLifecycle.Steps() {
            @Override
            public <T> T step(String name, String nodeId, java.util.function.Supplier<T> body) {
                if (!name.equals(catchUp)) {
                    return null; // the archive and the processes are not this test's
                }
                T result = body.get();
                details.add(String.valueOf(result));
                return result;
            }

            @Override
            public void stop(NodeRecord n) {}

            @Override
            public void start(NodeRecord n) {}

            @Override
            public void awaitServing(NodeRecord n) {}
        };
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> work.getValue().accept(steps), "the catch-up step must see the started node's heights");
        assertThat(details).singleElement().asString().contains("main=20");
    }

    private void network(ConsortiumStatus status) {
        when(consortia.requireNodeVisible(eq(orgAdmin), eq(CONSORTIUM), anyString())).thenReturn(new Consortium(CONSORTIUM, "c",
                SchemeChoice.ECDSA_P256, 1, "RAFT", "LOCAL", 1, status, 0));
    }
}
