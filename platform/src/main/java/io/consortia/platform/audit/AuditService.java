package io.consortia.platform.audit;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Search with visibility rules, and the verify walk over the whole chain and against the ledger. */
@Service
class AuditService {
    static final int MAX_PAGE = 1000;
    static final int MAX_EXPORT = 100_000;
    private static final int WALK_PAGE = 1000;
    private final AuditRepository records;
    private final AuditLedger ledger;

    AuditService(AuditRepository records, AuditLedger ledger) {
        this.records = records;
        this.ledger = ledger;
    }

    /** Newest first. Organisation admins get their organisation's records whatever organisation they ask for. */
    List<AuditRecord> search(Caller caller, AuditQuery query, int limit) {
        if (limit < 1 || limit > MAX_EXPORT) {
            throw InvalidFields.field("limit", "must be between 1 and " + MAX_EXPORT);
        }
        return records.search(visible(caller, query), limit);
    }

    private static AuditQuery visible(Caller caller, AuditQuery query) {
        if (AuditPolicy.seesAll(caller)) {
            return query;
        }
        if (AuditPolicy.seesOwnOrganization(caller)) {
            long own = caller.requireOrganization();
            if (query.organizationId() != null && query.organizationId() != own) {
                throw PlatformException.forbidden("Organisation admins see their own organisation's audit records only");
            }
            return query.inOrganization(own);
        }
        throw PlatformException.forbidden("The audit trail is for auditors, platform admins and organisation admins");
    }

    void requireSeesAll(Caller caller) {
        if (!AuditPolicy.seesAll(caller)) {
            throw PlatformException.forbidden("Verifying the whole audit chain is for auditors and platform admins");
        }
    }

    AuditVerification verify(Caller caller) {
        requireSeesAll(caller);
        return verify();
    }

    /**
     * Walks the chain from the first record: each sequence must follow the previous one, each
     * record must name the previous record's hash and its own hash must be the hash of its
     * content. Then every head notarized on the configured channel, read from the ledger's
     * anchor index, must still be in the chain: that catches records deleted from the end, also
     * when the anchor rows of the database were deleted with them. The anchor rows still in the
     * database (heads notarized before the index existed, or on another channel) are checked too.
     */
    AuditVerification verify() {
        OnChainCheck onChain = ledger.check();
        long expected = 1;
        String previousHash = AuditChain.GENESIS;
        long checked = 0;
        while (true) {
            List<AuditRecord> page = records.page(expected - 1, WALK_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditRecord record : page) {
                if (record.sequence() != expected) {
                    return AuditVerification.bad(checked, expected - 1, previousHash, expected,
                            (record.sequence() == expected + 1 ? "record " + expected + " is"
                                    : "records " + expected + " to " + (record.sequence() - 1) + " are")
                            + " missing: the sequence jumps from " + (expected - 1) + " to " + record.sequence(),
                            onChain);
                }
                if (!record.previousHash().equals(previousHash)) {
                    return AuditVerification.bad(checked, expected - 1, previousHash, expected, "record " + expected
                            + " names previous hash " + record.previousHash() + " but record " + (expected - 1)
                            + " hashes to " + previousHash, onChain);
                }
                String recomputed = AuditChain.hash(previousHash, record);
                if (!recomputed.equals(record.hash())) {
                    return AuditVerification.bad(checked, expected - 1, previousHash, expected, "record " + expected
                            + " was altered: its content hashes to " + recomputed + ", not to the stored "
                            + record.hash(), onChain);
                }
                previousHash = record.hash();
                checked++;
                expected++;
            }
        }
        long head = expected - 1;
        // every entry, not only the newest: an entry someone planted after the genuine ones must not
        // hide what the genuine ones notarized
        for (OnChainAnchor entry : onChain.entries()) {
            String notarized = "the head notarized on chain (" + onChain.where() + ", anchor " + entry.index()
                    + ") in transaction " + entry.headTransactionId();
            Optional<AuditVerification> bad = against(checked, head, previousHash, entry.sequence(),
                    entry.headHash(), notarized, onChain);
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        if (onChain.missed()) {
            return AuditVerification.unverified(checked, head, previousHash, onChain);
        }
        for (AuditAnchor anchor : records.anchored()) {
            Optional<AuditVerification> bad = against(checked, head, previousHash, anchor.sequence(),
                    anchor.headHash(), "the head notarized in transaction " + anchor.transactionId()
                            + " (as the platform's list of notarizations has it)", onChain);
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        return AuditVerification.good(checked, head, previousHash, onChain);
    }

    /** A chain that checked out up to {@code head} compared with a notarized head. */
    private Optional<AuditVerification> against(long checked, long head, String headHash, long notarizedSequence,
            String notarizedHash, String notarized, OnChainCheck onChain) {
        if (notarizedSequence > head) {
            return Optional.of(AuditVerification.bad(checked, head, headHash, head + 1, (notarizedSequence == head + 1
                    ? "record " + notarizedSequence + " is" : "records " + (head + 1) + " to " + notarizedSequence
                            + " are") + " missing: " + notarized + " was record " + notarizedSequence, onChain));
        }
        AuditRecord anchored = records.bySequence(notarizedSequence).orElseThrow();
        if (!anchored.hash().equals(notarizedHash)) {
            return Optional.of(AuditVerification.bad(checked, head, headHash, anchored.sequence(), "record "
                    + anchored.sequence() + " hashes to " + anchored.hash() + " but " + notarized + " was "
                    + notarizedHash + ": the chain was rewritten", onChain));
        }
        return Optional.empty();
    }

    List<AuditAnchor> anchors(Caller caller, int limit) {
        requireSeesAll(caller);
        return records.anchors(Math.max(1, Math.min(limit, MAX_PAGE)));
    }
}
