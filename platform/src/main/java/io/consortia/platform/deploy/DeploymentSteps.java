package io.consortia.platform.deploy;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The recorded steps of a running deployment, as a {@link NetworkDeployer} adds its own (the
 * cluster's progress: namespace created, secrets written, pods ready n/m).
 */
public interface DeploymentSteps {

    /** Runs one step; its result, if a String, is the step's detail. A failing step is recorded and rethrown. */
    <T> T step(String name, String nodeId, Supplier<T> work);

    /** How a step that waits says how far it got while it is RUNNING: its name and detail, replaced in place. */
    @FunctionalInterface
    interface StepProgress {
        void update(String name, String detail);
    }

    /**
     * Runs one step that says how far it got while it runs ("Pods ready 1/3", with why the others
     * are not): recorded RUNNING as {@code name}, then renamed and its detail replaced in place each
     * time {@code work} reports, so that one step stands for the wait, not one per stage. It ends as
     * {@link #step} does (DONE with its result as detail, or FAILED with the reason), under the last
     * name reported. This default, for recorders that keep no step in place, records the step once,
     * when it ends, under its last name.
     */
    default <T> T stepInPlace(String name, String nodeId, Function<StepProgress, T> work) {
        String[] named = {name};
        T result;
        try {
            result = work.apply((n, detail) -> named[0] = n);
        } catch (RuntimeException e) {
            return step(named[0], nodeId, () -> {
                throw e;
            });
        }
        return step(named[0], nodeId, () -> result);
    }
}
