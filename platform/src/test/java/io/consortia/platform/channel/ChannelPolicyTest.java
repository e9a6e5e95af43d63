package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers.Role;
import io.consortia.platform.identity.Callers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelPolicyTest {
    static final long LEADER = 1;
    static final long IN_CHANNEL = 2;
    static final long OUTSIDE_CHANNEL = 3;
    static final Consortium CONSORTIUM = Callers.consortiumLedBy(LEADER);
    /** A channel of the consortium without its leader. */
    static final ChannelRecord CHANNEL = new ChannelRecord(5, 7, "trade", "ACTIVE", null, List.of(IN_CHANNEL, 4L), 0);

    /** The organisation the caller acts in, by its relation to the thing decided on; NONE for platform roles. */
    static final Map<String, Long> RELATIONS = Map.of(
            "LEADER_ORGANIZATION", LEADER,
            "CHANNEL_ORGANIZATION", IN_CHANNEL,
            "MEMBER_OUTSIDE_CHANNEL", OUTSIDE_CHANNEL);

    /** The consortium's members, who vote on removing one of them. */
    static final List<Long> MEMBERS = List.of(LEADER, IN_CHANNEL, OUTSIDE_CHANNEL, 4L);

    @ParameterizedTest(name = "{0} of {1}: read={2} create={3} vote={4} voteOnMemberRemoval={5} apply={6} takeChannelOrganisationOut={7}")
    @CsvSource({
            "PLATFORM_ADMIN,      NONE,                   true,  false, false, false, false, true",
            "AUDITOR,             NONE,                   true,  false, false, false, false, false",
            "ORGANIZATION_ADMIN,  LEADER_ORGANIZATION,    false, true,  false, true,  true, false",
            "ORGANIZATION_MEMBER, LEADER_ORGANIZATION,    false, false, false, false, false, false",
            "ORGANIZATION_ADMIN,  CHANNEL_ORGANIZATION,   true,  false, true,  true,  false, true",
            "ORGANIZATION_MEMBER, CHANNEL_ORGANIZATION,   true,  false, false, false, false, false",
            "ORGANIZATION_ADMIN,  MEMBER_OUTSIDE_CHANNEL, false, false, false, true,  false, false",
            "ORGANIZATION_MEMBER, MEMBER_OUTSIDE_CHANNEL, false, false, false, false, false, false",
    })
    void table(Role role, String relation, boolean read, boolean create, boolean vote, boolean voteOnMemberRemoval,
            boolean apply, boolean leave) {
        Caller caller = Callers.of(role, relation, RELATIONS);
        assertThat(ChannelPolicy.canRead(caller, CHANNEL)).as("read").isEqualTo(read);
        assertThat(ChannelPolicy.canCreate(caller, CONSORTIUM)).as("create").isEqualTo(create);
        assertThat(ChannelPolicy.canVote(caller, CHANNEL)).as("vote").isEqualTo(vote);
        assertThat(ChannelPolicy.canVote(caller, MEMBERS)).as("vote on removing a member")
                .isEqualTo(voteOnMemberRemoval);
        assertThat(ChannelPolicy.canApply(caller, CONSORTIUM)).as("apply a failed proposal again").isEqualTo(apply);
        assertThat(ChannelPolicy.canLeave(caller, IN_CHANNEL)).as("take the channel's organisation out of the "
                + "consortium").isEqualTo(leave);
    }
}
