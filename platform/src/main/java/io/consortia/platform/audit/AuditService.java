package io.consortia.platform.audit;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import org.springframework.stereotype.Service;

/** Search with visibility rules, and the verify walk over the whole chain. */
@Service
class AuditService {
    static final int MAX_PAGE = 1000;
    static final int MAX_EXPORT = 100_000;
    private static final int WALK_PAGE = 1000;
    private final AuditRepository records;

    AuditService(AuditRepository records) {
        this.records = records;
    }

    /** Newest first. Organisation admins get their organisation's records whatever organisation they ask for. */
    List<AuditRecord> search(Caller caller, AuditQuery query, int limit) {
        if (limit < 1 || limit > MAX_EXPORT) {
            throw PlatformException.invalid("limit must be between 1 and " + MAX_EXPORT);
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
     * content. Finally the last notarized head must still be in the chain, which catches
     * records deleted from the end.
     */
    AuditVerification verify() {
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
                    return AuditVerification.bad(checked, expected - 1, previousHash, expected, "record " + expected
                            + (record.sequence() == expected + 1 ? " is" : " to " + (record.sequence() - 1) + " are")
                            + " missing: the sequence jumps from " + (expected - 1) + " to " + record.sequence());
                }
                if (!record.previousHash().equals(previousHash)) {
                    return AuditVerification.bad(checked, expected - 1, previousHash, expected, "record " + expected
                            + " names previous hash " + record.previousHash() + " but record " + (expected - 1)
                            + " hashes to " + previousHash);
                }
                String recomputed = AuditChain.hash(previousHash, record);
                if (!recomputed.equals(record.hash())) {
                    return AuditVerification.bad(checked, expected - 1, previousHash, expected, "record " + expected
                            + " was altered: its content hashes to " + recomputed + ", not to the stored "
                            + record.hash());
                }
                previousHash = record.hash();
                checked++;
                expected++;
            }
        }
        long head = expected - 1;
        for (AuditAnchor anchor : records.anchored()) {
            if (anchor.sequence() > head) {
                return AuditVerification.bad(checked, head, previousHash, head + 1, "records " + (head + 1) + " to "
                        + anchor.sequence() + " are missing: the head notarized in transaction "
                        + anchor.transactionId() + " was record " + anchor.sequence());
            }
            AuditRecord anchored = records.bySequence(anchor.sequence()).orElseThrow();
            if (!anchored.hash().equals(anchor.headHash())) {
                return AuditVerification.bad(checked, head, previousHash, anchored.sequence(), "record "
                        + anchored.sequence() + " hashes to " + anchored.hash() + " but the head notarized in "
                        + "transaction " + anchor.transactionId() + " was " + anchor.headHash()
                        + ": the chain was rewritten");
            }
        }
        return AuditVerification.good(checked, head, previousHash);
    }

    List<AuditAnchor> anchors(Caller caller, int limit) {
        requireSeesAll(caller);
        return records.anchors(Math.max(1, Math.min(limit, MAX_PAGE)));
    }
}
