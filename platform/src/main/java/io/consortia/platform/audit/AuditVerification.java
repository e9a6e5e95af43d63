package io.consortia.platform.audit;

/**
 * The verify walk's answer.
 *
 * @param ok whether every record checked out, and the newest head notarized on the ledger is in
 *     the trail (when anchoring is configured, a ledger that could not be read is not ok)
 * @param checked records checked
 * @param headSequence the last record's sequence (0 for an empty trail)
 * @param headHash the last record's hash
 * @param firstBadSequence the first record that does not check out (a deleted record: its missing
 *     sequence); empty when the trail could not be checked against the ledger
 * @param reason why it does not
 * @param onChain what the trail was compared with on the ledger, or why it was not
 */
public record AuditVerification(boolean ok, long checked, long headSequence, String headHash, Long firstBadSequence,
        String reason, OnChainCheck onChain) {

    static AuditVerification good(long checked, long headSequence, String headHash, OnChainCheck onChain) {
        return new AuditVerification(true, checked, headSequence, headHash, null, null, onChain);
    }

    static AuditVerification bad(long checked, long headSequence, String headHash, long sequence, String reason,
            OnChainCheck onChain) {
        return new AuditVerification(false, checked, headSequence, headHash, sequence, reason, onChain);
    }

    /** The records check out, but the ledger that would show records deleted from the end could not be read. */
    static AuditVerification unverified(long checked, long headSequence, String headHash, OnChainCheck onChain) {
        return new AuditVerification(false, checked, headSequence, headHash, null, "the trail could not be "
                + "checked against the ledger: " + onChain.reason(), onChain);
    }
}
