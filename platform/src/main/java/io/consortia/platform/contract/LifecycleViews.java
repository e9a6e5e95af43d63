package io.consortia.platform.contract;

import io.consortia.protocol.v1.Approval;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.Decline;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.ProposalStatus;
import java.util.HexFormat;
import java.util.List;

/** JSON views of the node's lifecycle messages (contracts.proto). */
final class LifecycleViews {
    private LifecycleViews() {}

    record Rule(String function, List<String> organizations, List<String> roles) {}

    record Definition(String name, String version, long sequence, String codeHash, String policy, String status,
            List<Rule> functions) {}

    record ApprovalView(String organization, String approver, String transactionId) {}

    /** An organisation's objection to a proposal, in its admin's words. */
    record DeclineView(String organization, String approver, String reason, String transactionId) {}

    /** A committed definition with the approvals that committed it. */
    record Committed(Definition definition, String digest, List<ApprovalView> approvals, String commitTransactionId,
            long blockNumber) {}

    /**
     * A proposal as the ledger sees it, and as the platform recorded it. canStillPass: false once the organisations
     * that have not declined are too few for required (the node's "dead"); such a proposal can never be committed.
     */
    record Proposal(String channel, String contract, long sequence, String digest, String action, Long packageId,
            String proposedBy, String status, Definition definition, String proposerOrganization,
            List<ApprovalView> approvals, int required, boolean committed, List<DeclineView> declines,
            boolean canStillPass) {}

    static Definition definition(ContractDefinition d) {
        return new Definition(d.getName(), d.getVersion(), d.getSequence(),
                HexFormat.of().formatHex(d.getCodeHash().toByteArray()), d.getPolicy().name(), d.getStatus().name(),
                d.getFunctionsList().stream().map(r -> new Rule(r.getFunction(), List.copyOf(r.getOrganizationsList()),
                        List.copyOf(r.getRolesList()))).toList());
    }

    static List<ApprovalView> approvals(List<Approval> approvals) {
        return approvals.stream().map(a -> new ApprovalView(a.getOrganization(), a.getApprover(),
                a.getTransactionId())).toList();
    }

    static List<DeclineView> declines(List<Decline> declines) {
        return declines.stream().map(d -> new DeclineView(d.getOrganization(), d.getApprover(), d.getReason(),
                d.getTransactionId())).toList();
    }

    static Committed committed(LifecycleRecord r) {
        return new Committed(definition(r.getDefinition()), r.getDigest(), approvals(r.getApprovalsList()),
                r.getCommitTransactionId(), r.getBlockNumber());
    }

    static Proposal proposal(ContractProposals.Row row, ProposalStatus status) {
        return new Proposal(row.channel(), row.contract(), row.sequence(), row.digest(), row.action(), row.packageId(),
                row.proposedBy(), status.getCommitted() ? ContractProposals.COMMITTED : row.status(),
                definition(status.getDefinition()), status.getProposerOrganization(),
                approvals(status.getApprovalsList()), status.getRequired(), status.getCommitted(),
                declines(status.getDeclinesList()), !status.getDead());
    }
}
