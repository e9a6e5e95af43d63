package io.consortia.platform.deploy;

/** What the platform last saw of a node. */
public enum NodeStatus {
    CREATED, STARTING, RUNNING, STOPPED,
    /** Exited without being asked to; the supervisor restarts it. */
    CRASHED,
    /** Crashed too often, or could not be started; left alone until started again. */
    FAILED
}
