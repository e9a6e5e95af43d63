package io.consortia.platform.gateway;

import java.util.List;

/** An access key's public part and scope; the secret never leaves {@link GatewayRepository} unsealed. */
public record AccessKey(long id, long applicationId, String accessKeyId, List<String> channels,
        List<String> contracts, List<String> functions, int rateLimitPerSecond, long expiresAt, Long revokedAt,
        String revokedBy, String createdBy, long createdAt, Long lastUsedAt) {

    static final String ANY = "*";

    public String status(long now) {
        if (revokedAt != null) {
            return "REVOKED";
        }
        return now >= expiresAt ? "EXPIRED" : "ACTIVE";
    }

    public boolean allowsChannel(String channel) {
        return allows(channels, channel);
    }

    public boolean allowsContract(String contract) {
        return allows(contracts, contract);
    }

    /** Functions are named {@code function} (any contract in scope) or {@code contract.function}. */
    boolean allowsFunction(String contract, String function) {
        return functions.contains(ANY) || functions.contains(function) || functions.contains(contract + "." + function);
    }

    private static boolean allows(List<String> scope, String name) {
        return scope.contains(ANY) || scope.contains(name);
    }
}
