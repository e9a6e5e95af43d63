package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a node that a committed channel configuration removed may stop its Raft member: never
 * while the group's configuration still needs its vote, or two voters going to one would leave
 * the survivor with a joint configuration it can never commit alone.
 */
class LeavingMemberTest {

    @Test
    void a_voter_of_the_current_configuration_stays() {
        // the leader has not proposed the Raft change yet: the group is still {a, b}
        assertThat(RaftNode.mayLeave(List.of("a", "b"), List.of(), 7, 12, "b")).isFalse();
    }

    @Test
    void a_listener_in_a_joint_configuration_stays_until_that_is_committed() {
        // {a} with b listening, joint with the old {a, b}: b's acknowledgement is still counted
        assertThat(RaftNode.mayLeave(List.of("a"), List.of("a", "b"), 14, 13, "b")).isFalse();
        assertThat(RaftNode.mayLeave(List.of("a"), List.of("a", "b"), 14, 14, "b")).isTrue();
    }

    /**
     * The leader drops b, a listener: {a} joint with the old {a} listened to by b. b never learns that
     * this commits (the leader stops sending it entries); waiting for it kept b's member for good.
     */
    @Test
    void a_listener_being_dropped_leaves_without_waiting_for_the_commit_it_never_sees() {
        assertThat(RaftNode.mayLeave(List.of("a"), List.of("a"), 16, 15, "b")).isTrue();
    }

    @Test
    void a_listener_of_a_stable_configuration_leaves() {
        assertThat(RaftNode.mayLeave(List.of("a"), List.of(), 14, 9, "b")).isTrue();
    }
}
