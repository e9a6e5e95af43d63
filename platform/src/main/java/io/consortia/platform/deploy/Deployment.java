package io.consortia.platform.deploy;

import java.util.List;

/**
 * One long-running action on a network (DEPLOY, STOP, START, DELETE, ADD_NODE) with its steps.
 *
 * @param status RUNNING, SUCCEEDED or FAILED
 * @param reason why it failed, for people
 */
public record Deployment(long id, long consortiumId, String action, String status, String reason,
        String requestedBy, long startedAt, Long finishedAt, List<Step> steps) {

    /** One step, e.g. "Start node c1-org1-0": RUNNING, DONE or FAILED. */
    public record Step(String name, String nodeId, String status, String detail, long startedAt, Long finishedAt) {}
}
