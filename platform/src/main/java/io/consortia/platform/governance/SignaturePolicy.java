package io.consortia.platform.governance;

import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ChannelConfig;

/** How many organisation admins must sign a change under a channel's policy (the node counts the same way). */
public final class SignaturePolicy {
    private SignaturePolicy() {}

    /** Signatures of distinct organisations of {@code config} that a change of it needs. */
    public static int required(ChannelConfig config) {
        int organizations = config.getOrganizationsCount();
        return switch (effective(config)) {
            case ANY -> 1;
            case ALL -> organizations;
            default -> organizations / 2 + 1;
        };
    }

    /** UNSPECIFIED (configurations written before policies existed) reads as MAJORITY. */
    public static ChangePolicy effective(ChannelConfig config) {
        ChangePolicy policy = config.getPolicy();
        return policy == ChangePolicy.CHANGE_POLICY_UNSPECIFIED || policy == ChangePolicy.UNRECOGNIZED
                ? ChangePolicy.MAJORITY : policy;
    }
}
