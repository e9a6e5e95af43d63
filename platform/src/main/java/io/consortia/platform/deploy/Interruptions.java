package io.consortia.platform.deploy;

import io.consortia.common.Poll;

/**
 * Work cut short because the platform is stopping: its executor interrupts the deployments'
 * threads, and a wait's own words ("Interrupted while waiting") became the step's detail and the
 * deployment's reason, saying nothing of what happened or what to do. They read as the platform's
 * sentences instead, the same as for a deployment found RUNNING at the next start.
 */
final class Interruptions {
    private Interruptions() {}

    /** Why a deployment of {@code action} that the platform's stop ended failed, and what to do. */
    static String reason(String action) {
        return "DEPLOY".equals(action) ? DeploymentTexts.DEPLOY_INTERRUPTED.of() : DeploymentTexts.INTERRUPTED.of();
    }

    /** {@link #reason(String)} if {@code failure} is the platform stopping, else the failure's own message. */
    static String reason(String action, RuntimeException failure) {
        return isInterruption(failure) ? reason(action) : failure.getMessage();
    }

    /** A step's detail when it failed: as {@link #reason(String, RuntimeException)}, the step's own words. */
    static String detail(RuntimeException failure) {
        return isInterruption(failure) ? DeploymentTexts.INTERRUPTED.of() : failure.getMessage();
    }

    static boolean isInterruption(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Poll.PollInterruptedException || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
