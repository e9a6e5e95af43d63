package io.consortia.platform.consortium;

import io.consortia.platform.system.PlatformException;

/** A consortium and the inputs its network is built from. */
public record Consortium(long id, String name, SchemeChoice signatureScheme, int nodesPerOrganization,
        String consensus, String deploymentTarget, long leaderOrganizationId, ConsortiumStatus status,
        long createdAt) {

    /**
     * Refuses a call to the nodes of a network its leader stopped: a 409 that says so, where the
     * nodes' silence read as a 503 "try again", which retrying never cures.
     */
    public Consortium requireNetworkNotStopped() {
        if (status == ConsortiumStatus.STOPPED) {
            throw PlatformException.conflict("The network of consortium " + name + " (" + id + ") is stopped; its"
                    + " leader starts it again (POST /api/v1/consortia/" + id + "/network/start, or Start on its"
                    + " overview)");
        }
        return this;
    }
}
