package io.consortia.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisruptionBudgetsTest {

    @Test
    void threeSingleNodeOrganisationsMayLoseOnlyOneNodeInTotal() {
        Map<String, Integer> budgets = DisruptionBudgets.allocate(nodes(1, 1, 1), List.of());

        assertThat(budgets).containsExactly(Map.entry("org1", 1), Map.entry("org2", 0), Map.entry("org3", 0));
    }

    @Test
    void budgetsSpreadRoundRobinUpToTheNetworksTolerance() {
        Map<String, Integer> budgets = DisruptionBudgets.allocate(nodes(3, 3, 3), List.of());

        assertThat(budgets.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4); // 9 voters keep 5
        assertThat(budgets).containsExactly(Map.entry("org1", 2), Map.entry("org2", 1), Map.entry("org3", 1));
    }

    @Test
    void aChannelOfFewerOrganisationsLimitsItsMembersBudgets() {
        Map<String, Integer> budgets = DisruptionBudgets.allocate(nodes(3, 3, 3), List.of(Set.of("org1", "org2")));

        // the channel has 6 voters and tolerates 2: org1+org2 <= 2, the rest goes to org3
        assertThat(budgets.get("org1") + budgets.get("org2")).isEqualTo(2);
        assertThat(budgets.get("org3")).isEqualTo(2);
    }

    @Test
    void everyCombinationWithinTheBudgetsKeepsAMajorityInEveryGroup() {
        List<Map<String, Integer>> shapes = List.of(nodes(1), nodes(2), nodes(3), nodes(1, 1), nodes(1, 2, 3),
                nodes(4, 1, 1, 1), nodes(5, 5), nodes(2, 2, 2, 2, 2));
        for (Map<String, Integer> shape : shapes) {
            List<Set<String>> channels = List.of(Set.of("org1"), shape.keySet());
            Map<String, Integer> budgets = DisruptionBudgets.allocate(shape, channels);
            for (Set<String> group : List.of(Set.of("org1"), shape.keySet())) {
                int voters = group.stream().mapToInt(shape::get).sum();
                int worstCase = group.stream().mapToInt(budgets::get).sum();
                assertThat(voters - worstCase).as("%s in %s with budgets %s", group, shape, budgets)
                        .isGreaterThan(voters / 2);
            }
            budgets.forEach((org, b) -> assertThat(b).isBetween(0, shape.get(org)));
        }
    }

    @Test
    void toleranceIsTheMinorityOfVoters() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 7).stream().map(DisruptionBudgets::tolerance).toList())
                .containsExactly(0, 0, 0, 1, 1, 2, 3);
    }

    private static Map<String, Integer> nodes(int... counts) {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        List<Integer> list = new ArrayList<>();
        for (int c : counts) {
            list.add(c);
        }
        for (int i = 0; i < list.size(); i++) {
            nodes.put("org" + (i + 1), list.get(i));
        }
        return nodes;
    }
}
