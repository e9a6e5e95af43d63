package io.consortia.platform.deploy;

import java.util.function.Supplier;

/** Records a deployment's steps as they run, so progress is visible while it runs. */
final class Progress implements DeploymentSteps {
    private final DeploymentRepository deployments;
    private final long deploymentId;

    Progress(DeploymentRepository deployments, long deploymentId) {
        this.deployments = deployments;
        this.deploymentId = deploymentId;
    }

    long id() {
        return deploymentId;
    }

    /** Runs one step; a failing step is recorded with its reason and rethrown. */
    @Override
    public <T> T step(String name, String nodeId, Supplier<T> work) {
        long step = deployments.startStep(deploymentId, nodeId, name);
        try {
            T result = work.get();
            deployments.finishStep(step, "DONE", result instanceof String detail ? detail : null);
            return result;
        } catch (RuntimeException e) {
            deployments.finishStep(step, "FAILED", Interruptions.detail(e));
            throw e;
        }
    }

    /** The step is RUNNING from the start and its name and detail change in place as {@code work} reports. */
    @Override
    public <T> T stepInPlace(String name, String nodeId, java.util.function.Function<StepProgress, T> work) {
        long step = deployments.startStep(deploymentId, nodeId, name);
        try {
            T result = work.apply((now, detail) -> deployments.updateStep(step, now, detail));
            deployments.finishStep(step, "DONE", result instanceof String detail ? detail : null);
            return result;
        } catch (RuntimeException e) {
            deployments.finishStep(step, "FAILED", Interruptions.detail(e));
            throw e;
        }
    }

    void step(String name, String nodeId, Runnable work) {
        step(name, nodeId, () -> {
            work.run();
            return null;
        });
    }
}
