package io.consortia.platform.consortium;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers.Role;
import io.consortia.platform.identity.Callers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsortiumPolicyTest {
    static final long LEADER = 1;
    static final long MEMBER = 2;
    static final long INVITED = 3;
    static final long OUTSIDER = 4;
    static final Consortium CONSORTIUM = Callers.consortiumLedBy(LEADER);
    static final Invitation INVITATION = new Invitation(9, 7, "Alliance", INVITED, "PENDING", "leader-admin", 0, null,
            null, 1);

    /** The caller's organisation's relation to the consortium. */
    static final Map<String, Long> RELATIONS = Map.of(
            "LEADER_ORGANIZATION", LEADER,
            "MEMBER_ORGANIZATION", MEMBER,
            "INVITED_ORGANIZATION", INVITED,
            "OTHER_ORGANIZATION", OUTSIDER);

    @ParameterizedTest(name = "{0} of {1}: create={2} read={3} lead={4} answer invitation={5} withdraw invitation={6} offered leaving={7}")
    @CsvSource({
            "PLATFORM_ADMIN,      NONE,                 false, true,  false, false, true, false",
            "AUDITOR,             NONE,                 false, true,  false, false, false, false",
            "ORGANIZATION_ADMIN,  LEADER_ORGANIZATION,  true,  true,  true,  false, true, false",
            "ORGANIZATION_MEMBER, LEADER_ORGANIZATION,  false, true,  false, false, false, false",
            "ORGANIZATION_ADMIN,  MEMBER_ORGANIZATION,  true,  true,  false, false, false, true",
            "ORGANIZATION_MEMBER, MEMBER_ORGANIZATION,  false, true,  false, false, false, false",
            "ORGANIZATION_ADMIN,  INVITED_ORGANIZATION, true,  false, false, true, false, false",
            "ORGANIZATION_MEMBER, INVITED_ORGANIZATION, false, false, false, false, false, false",
            "ORGANIZATION_ADMIN,  OTHER_ORGANIZATION,   true,  false, false, false, false, false",
            "ORGANIZATION_MEMBER, OTHER_ORGANIZATION,   false, false, false, false, false, false",
    })
    void table(Role role, String relation, boolean create, boolean read, boolean lead, boolean answer,
            boolean withdraw, boolean leave) {
        Caller caller = Callers.of(role, relation, RELATIONS);
        assertThat(ConsortiumPolicy.canCreate(caller)).as("create").isEqualTo(create);
        assertThat(ConsortiumPolicy.canRead(caller, List.of(LEADER, MEMBER))).as("read").isEqualTo(read);
        assertThat(ConsortiumPolicy.canLead(caller, CONSORTIUM)).as("lead").isEqualTo(lead);
        assertThat(ConsortiumPolicy.canAnswer(caller, INVITATION)).as("answer").isEqualTo(answer);
        assertThat(ConsortiumPolicy.canWithdraw(caller, CONSORTIUM)).as("withdraw").isEqualTo(withdraw);
        assertThat(ConsortiumPolicy.canLeave(caller, CONSORTIUM, List.of(LEADER, MEMBER))).as("leave")
                .isEqualTo(leave);
    }
}
