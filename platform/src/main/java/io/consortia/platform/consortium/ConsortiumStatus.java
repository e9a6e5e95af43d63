package io.consortia.platform.consortium;

/** Where a consortium's network is. */
public enum ConsortiumStatus {
    /** No network yet (or it was deleted). */
    CREATED,
    DEPLOYING,
    RUNNING,
    STOPPED,
    /** The last deployment failed; its reason is on the deployment. Delete the network and deploy again. */
    FAILED
}
