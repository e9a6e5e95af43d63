package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MembershipPlanTest {
    private static RaftMembership m(String voters, String listeners) {
        return new RaftMembership(ids(voters), ids(listeners), false, -1);
    }

    private static TreeMap<String, String> ids(String csv) {
        TreeMap<String, String> out = new TreeMap<>();
        for (String id : csv.split(",")) {
            if (!id.isBlank()) {
                out.put(id, "127.0.0.1:" + (7000 + id.charAt(0)));
            }
        }
        return out;
    }

    private static String show(Optional<RaftMembership> step) {
        return step.map(MembershipReconciler::describe).orElse("none");
    }

    @Test
    void agreeing_configurations_need_no_step() {
        assertThat(MembershipPlan.next(m("a,b,c", "d"), m("a,b,c", "d"))).isEmpty();
    }

    @Test
    void a_new_learner_is_added_as_a_listener() {
        assertThat(show(MembershipPlan.next(m("a,b,c", ""), m("a,b,c", "d"))))
                .isEqualTo("voters [a, b, c], listeners [d]");
    }

    @Test
    void a_promoted_learner_becomes_a_voter() {
        assertThat(show(MembershipPlan.next(m("a,b,c", "d"), m("a,b,c,d", ""))))
                .isEqualTo("voters [a, b, c, d], listeners []");
    }

    @Test
    void a_demoted_voter_becomes_a_listener_and_a_removed_listener_leaves() {
        assertThat(show(MembershipPlan.next(m("a,b,c,d", ""), m("a,b,c", "d"))))
                .isEqualTo("voters [a, b, c], listeners [d]");
        assertThat(show(MembershipPlan.next(m("a,b,c", "d"), m("a,b,c", ""))))
                .isEqualTo("voters [a, b, c], listeners []");
    }

    @Test
    void ratis_several_versions_behind_catches_up_one_voter_at_a_time() {
        RaftMembership target = m("a,b,d,e", "");
        RaftMembership current = m("a,b,c", "");
        int steps = 0;
        for (Optional<RaftMembership> next = MembershipPlan.next(current, target); next.isPresent();
             next = MembershipPlan.next(current, target)) {
            RaftMembership step = next.get();
            // a majority of the voters before the step is among the voters after it, and vice versa
            long kept = step.voters().keySet().stream().filter(current.voters()::containsKey).count();
            assertThat(kept).isGreaterThan(current.voters().size() / 2);
            assertThat(kept).isGreaterThan(step.voters().size() / 2);
            assertThat(Math.abs(step.voters().size() - current.voters().size())).isLessThanOrEqualTo(1);
            current = step;
            steps++;
            assertThat(steps).isLessThan(10);
        }
        assertThat(MembershipPlan.agrees(current, target)).isTrue();
        assertThat(steps).isEqualTo(5); // add d,e as listeners; promote d; promote e; demote c; drop c
    }

    @Test
    void the_last_voter_is_never_demoted() {
        Map<String, String> none = new TreeMap<>();
        RaftMembership target = new RaftMembership(new TreeMap<>(none), ids("a"), false, -1);
        assertThat(MembershipPlan.next(m("a", ""), target)).isEmpty();
    }
}
