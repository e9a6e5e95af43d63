package io.consortia.kubetest.kubelet;

import io.fabric8.kubernetes.api.model.Probe;

/**
 * One probe of one container run: when it is due and what it last concluded, with Kubernetes' defaults
 * (initialDelaySeconds 0, periodSeconds 10, successThreshold 1, failureThreshold 3).
 */
final class ProbeState {
    enum Result { UNKNOWN, SUCCESS, FAILURE }

    private final Probe probe;
    private final long startNanos;
    private long nextDue;
    private int successes;
    private int failures;
    private Result result = Result.UNKNOWN;

    ProbeState(Probe probe, long containerStartNanos) {
        this.probe = probe;
        this.startNanos = containerStartNanos;
        this.nextDue = containerStartNanos + seconds(probe.getInitialDelaySeconds(), 0);
    }

    Probe probe() {
        return probe;
    }

    boolean due(long now) {
        return now - nextDue >= 0;
    }

    /** Records an attempt's outcome and schedules the next one; returns the probe's conclusion. */
    Result record(boolean success, long now) {
        nextDue = now + seconds(probe.getPeriodSeconds(), 10);
        if (success) {
            failures = 0;
            successes++;
            if (successes >= threshold(probe.getSuccessThreshold(), 1)) {
                result = Result.SUCCESS;
            }
        } else {
            successes = 0;
            failures++;
            if (failures >= threshold(probe.getFailureThreshold(), 3)) {
                result = Result.FAILURE;
            }
        }
        return result;
    }

    Result result() {
        return result;
    }

    long startNanos() {
        return startNanos;
    }

    private static long seconds(Integer value, int fallback) {
        int s = value == null || value < 0 ? fallback : value;
        return s * 1_000_000_000L;
    }

    private static int threshold(Integer value, int fallback) {
        return value == null || value < 1 ? fallback : value;
    }
}
