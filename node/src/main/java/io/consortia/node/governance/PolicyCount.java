package io.consortia.node.governance;

import io.consortia.protocol.v1.ChangePolicy;

/** How many distinct organisations must sign a change under a policy. */
public final class PolicyCount {
    private PolicyCount() {}

    /**
     * MAJORITY (and UNSPECIFIED, read as MAJORITY): more than half; ANY: one; ALL: every one,
     * of {@code organizations} (the member organisations of the configuration in force).
     */
    public static int required(ChangePolicy policy, int organizations) {
        return switch (effective(policy)) {
            case ANY -> Math.min(1, organizations);
            case ALL -> organizations;
            default -> organizations / 2 + 1;
        };
    }

    /** The policy as it applies: UNSPECIFIED (configurations written before policies) is MAJORITY. */
    public static ChangePolicy effective(ChangePolicy policy) {
        return policy == ChangePolicy.ANY || policy == ChangePolicy.ALL ? policy : ChangePolicy.MAJORITY;
    }
}
