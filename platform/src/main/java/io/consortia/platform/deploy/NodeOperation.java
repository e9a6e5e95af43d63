package io.consortia.platform.deploy;

/** Work on a running network that another feature runs as a recorded deployment ({@link DeploymentService#operate}). */
@FunctionalInterface
public interface NodeOperation {

    /** Runs the work, reporting each step; a thrown exception fails the deployment with its message. */
    void run(DeploymentSteps steps);
}
