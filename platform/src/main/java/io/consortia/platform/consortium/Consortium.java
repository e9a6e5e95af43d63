package io.consortia.platform.consortium;

/** A consortium and the inputs its network is built from. */
public record Consortium(long id, String name, SchemeChoice signatureScheme, int nodesPerOrganization,
        String consensus, String deploymentTarget, long leaderOrganizationId, ConsortiumStatus status,
        long createdAt) {}
