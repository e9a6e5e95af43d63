package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.identity.Callers.Role;
import io.consortia.platform.identity.CurrentUser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The node list every member of a consortium sees quotes a node's log in its last error only to
 * those who may read that log (GET /nodes/{id}/logs): the tester, an org2 member, read org3's log
 * lines there while the logs endpoint refused them with 403.
 */
class NodeErrorsTest {
    static final String CRASHED = "Crashed 5 times in a row; not restarting. Log ends:\n"
            + "2026-12-06 00:35:18.775 WARN  [timer2] o.a.r.grpc.server.GrpcLogAppender - c1-org3-0@group: Timed out";

    @ParameterizedTest(name = "{0} of {1} sees the log lines: {2}")
    @CsvSource({
            "ORGANIZATION_MEMBER, OTHER_MEMBER,        false",
            "ORGANIZATION_ADMIN,  OTHER_MEMBER,        false",
            "ORGANIZATION_MEMBER, LEADER_ORGANIZATION, false",
            "ORGANIZATION_MEMBER, NODE_ORGANIZATION,   true",
            "ORGANIZATION_ADMIN,  LEADER_ORGANIZATION, true",
            "PLATFORM_ADMIN,      NONE,                true",
            "AUDITOR,             NONE,                true",
    })
    void the_node_list_quotes_a_node_s_log_only_to_those_who_may_read_it(Role role, String relation,
            boolean readsLog) {
        Caller caller = Callers.of(role, relation, NodePolicyTest.RELATIONS);
        NodeRecord node = new NodeRecord(3, "c1-org3-0", 1, NodePolicyTest.NODE_OWNER, "127.0.0.1", 1, 2, 3, "/tmp/n",
                "RUNNING", NodeStatus.FAILED, null, 5, CRASHED, 0);
        NodeRepository nodes = mock(NodeRepository.class);
        when(nodes.ofConsortium(1)).thenReturn(List.of(node));
        ConsortiumService consortia = mock(ConsortiumService.class);
        when(consortia.requireVisible(any(), anyLong())).thenReturn(NodePolicyTest.CONSORTIUM);
        CurrentUser currentUser = mock(CurrentUser.class);
        when(currentUser.get()).thenReturn(caller);
        Deployer deployer = mock(Deployer.class);
        when(deployer.observe(any())).thenReturn(NodeObservation.NONE);
        Deployers deployers = mock(Deployers.class);
        when(deployers.of(any())).thenReturn(deployer);

        String lastError = new NodeController(nodes, consortia, deployers, currentUser, mock(NodeLogs.class)).list(1)
                .get(0).lastError();

        if (readsLog) {
            assertThat(lastError).isEqualTo(CRASHED);
        } else {
            assertThat(lastError).isEqualTo("Crashed 5 times in a row; not restarting.");
        }
    }
}
