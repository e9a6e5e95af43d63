package io.consortia.platform.deploy;

import java.util.function.Supplier;

/**
 * The recorded steps of a running deployment, as a {@link NetworkDeployer} adds its own (the
 * cluster's progress: namespace created, secrets written, pods ready n/m).
 */
public interface DeploymentSteps {

    /** Runs one step; its result, if a String, is the step's detail. A failing step is recorded and rethrown. */
    <T> T step(String name, String nodeId, Supplier<T> work);
}
