package io.consortia.platform.audit;

/**
 * The verify walk's answer.
 *
 * @param ok whether every record checked out
 * @param checked records checked
 * @param headSequence the last record's sequence (0 for an empty trail)
 * @param headHash the last record's hash
 * @param firstBadSequence the first record that does not check out (a deleted record: its missing sequence)
 * @param reason why it does not
 */
public record AuditVerification(boolean ok, long checked, long headSequence, String headHash, Long firstBadSequence,
        String reason) {

    static AuditVerification good(long checked, long headSequence, String headHash) {
        return new AuditVerification(true, checked, headSequence, headHash, null, null);
    }

    static AuditVerification bad(long checked, long headSequence, String headHash, long sequence, String reason) {
        return new AuditVerification(false, checked, headSequence, headHash, sequence, reason);
    }
}
