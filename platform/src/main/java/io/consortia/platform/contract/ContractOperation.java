package io.consortia.platform.contract;

import java.util.List;
import java.util.Map;

/**
 * A lifecycle action on a channel (propose, approve, commit, install from the store...) with the
 * transactions it took as steps, in order; {@code result} holds what the caller needs next (the
 * proposal's sequence and digest, the approvals so far). It is recorded as a deployment (action
 * {@code CONTRACT_<action>}), so {@code status} is RUNNING, SUCCEEDED or FAILED and each step RUNNING, DONE
 * or FAILED, as for every long action of the platform.
 */
public record ContractOperation(long id, long consortiumId, String channel, String contract, String action,
        String status, String reason, String requestedBy, long startedAt, Long finishedAt, List<Step> steps,
        Map<String, Object> result) {

    public record Step(String name, String status, String detail, long startedAt, Long finishedAt) {}
}
