package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers.Role;
import io.consortia.platform.identity.Callers;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodePolicyTest {
    static final long LEADER = 1;
    static final long NODE_OWNER = 2;
    static final long OTHER = 3;
    static final Consortium CONSORTIUM = Callers.consortiumLedBy(LEADER);

    /** The caller's organisation's relation to the consortium and to the node (of NODE_OWNER). */
    static final Map<String, Long> RELATIONS = Map.of(
            "LEADER_ORGANIZATION", LEADER,
            "NODE_ORGANIZATION", NODE_OWNER,
            "OTHER_MEMBER", OTHER);

    @ParameterizedTest(name = "{0} of {1}: run network={2} manage node={3} read its log={4} delete consortium={5}")
    @CsvSource({
            "PLATFORM_ADMIN,      NONE,                false, false, true,  true",
            "AUDITOR,             NONE,                false, false, true,  false",
            "ORGANIZATION_ADMIN,  LEADER_ORGANIZATION, true,  true,  true,  true",
            "ORGANIZATION_MEMBER, LEADER_ORGANIZATION, false, false, false, false",
            "ORGANIZATION_ADMIN,  NODE_ORGANIZATION,   false, true,  true,  false",
            "ORGANIZATION_MEMBER, NODE_ORGANIZATION,   false, false, true,  false",
            "ORGANIZATION_ADMIN,  OTHER_MEMBER,        false, false, false, false",
            "ORGANIZATION_MEMBER, OTHER_MEMBER,        false, false, false, false",
    })
    void table(Role role, String relation, boolean runNetwork, boolean manage, boolean readLogs,
            boolean deleteConsortium) {
        Caller caller = Callers.of(role, relation, RELATIONS);
        assertThat(NodePolicy.canDeleteConsortium(caller, CONSORTIUM)).as("delete consortium").isEqualTo(deleteConsortium);
        assertThat(NodePolicy.canRunNetwork(caller, CONSORTIUM)).as("run network").isEqualTo(runNetwork);
        assertThat(NodePolicy.canManage(caller, CONSORTIUM, NODE_OWNER)).as("manage").isEqualTo(manage);
        assertThat(NodePolicy.canReadLogs(caller, CONSORTIUM, NODE_OWNER)).as("logs").isEqualTo(readLogs);
    }
}
