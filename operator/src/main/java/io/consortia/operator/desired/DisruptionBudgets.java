package io.consortia.operator.desired;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many of each organisation's pods may be voluntarily disrupted (drained, evicted) at once.
 *
 * <p>Each organisation has its own PodDisruptionBudget, and Kubernetes checks PDBs independently
 * (a pod may be covered by only one), so the worst case is every organisation using its whole
 * budget at the same time. A Raft group of n voters keeps working while a majority is up, i.e.
 * while at most (n-1)/2 are down. So the budgets are chosen such that, for the whole network and
 * for every channel (each channel is its own Raft group of its member organisations' nodes), the
 * SUM of the member organisations' budgets is at most (n-1)/2 of that group. A PDB also counts
 * pods that are already unready against its budget, so a crashed node blocks further evictions in
 * its organisation.
 *
 * <p>Budgets are handed out one at a time, round-robin in spec order, as long as every group
 * stays within its tolerance. Organisations that get 0 cannot be drained voluntarily until the
 * network grows: with three one-node organisations only one of them may be evicted, because two
 * evictions at once (from two independent PDBs) would cost the majority.
 */
public final class DisruptionBudgets {
    private DisruptionBudgets() {}

    /**
     * @param nodes  node count per organisation, in spec order
     * @param groups the Raft groups besides the whole network (channels), as sets of organisations
     * @return maxUnavailable per organisation, same order
     */
    public static Map<String, Integer> allocate(Map<String, Integer> nodes, Collection<Set<String>> groups) {
        List<Set<String>> all = new ArrayList<>(groups);
        all.add(nodes.keySet());
        Map<String, Integer> budget = new LinkedHashMap<>();
        nodes.keySet().forEach(org -> budget.put(org, 0));
        boolean granted = true;
        while (granted) {
            granted = false;
            for (String org : nodes.keySet()) {
                if (budget.get(org) < nodes.get(org) && fits(org, budget, nodes, all)) {
                    budget.merge(org, 1, Integer::sum);
                    granted = true;
                }
            }
        }
        return budget;
    }

    /** Whether one more disruption in org keeps every group containing it within its tolerance. */
    private static boolean fits(String org, Map<String, Integer> budget, Map<String, Integer> nodes,
            List<Set<String>> groups) {
        for (Set<String> group : groups) {
            if (!group.contains(org)) {
                continue;
            }
            int voters = group.stream().mapToInt(o -> nodes.getOrDefault(o, 0)).sum();
            int used = group.stream().mapToInt(o -> budget.getOrDefault(o, 0)).sum();
            if (used + 1 > tolerance(voters)) {
                return false;
            }
        }
        return true;
    }

    /** Voters a Raft group of n can lose and keep a majority. */
    public static int tolerance(int voters) {
        return voters <= 0 ? 0 : (voters - 1) / 2;
    }
}
