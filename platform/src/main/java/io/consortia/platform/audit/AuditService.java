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
                            AuditReasons.missingInSequence(expected, record.sequence()), onChain);
                }
                if (!record.previousHash().equals(previousHash)) {
                    return AuditVerification.bad(checked, expected - 1, previousHash, expected,
                            AuditReasons.previousHash(expected, record.previousHash(), previousHash), onChain);
                }
                String recomputed = AuditChain.hash(previousHash, record);
                if (!recomputed.equals(record.hash())) {
                    return AuditVerification.bad(checked, expected - 1, previousHash, expected,
                            AuditReasons.altered(expected, recomputed, record.hash()), onChain);
                }
                previousHash = record.hash();
                checked++;
                expected++;
            }
        }
        long head = expected - 1;
        // every entry, not only the newest: an entry someone planted after the genuine ones must not
        // hide what the genuine ones notarized
        List<Notarized> onLedger = onChain.entries().stream().map(e -> new Notarized(e.sequence(), e.headHash(),
                AuditReasons.onChainHead(onChain.where(), e.index(), e.headTransactionId()))).toList();
        for (Notarized entry : onLedger) {
            // only what the ledger says may narrow down a rewrite the ledger reveals: the database's list
            // of notarizations is as open to whoever rewrote the chain as the chain itself
            Optional<AuditVerification> bad = against(checked, head, previousHash, entry, onLedger, onChain);
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        if (onChain.missed()) {
            return AuditVerification.unverified(checked, head, previousHash, onChain);
        }
        List<Notarized> listed = records.anchored().stream().map(a -> new Notarized(a.sequence(), a.headHash(),
                AuditReasons.listedHead(a.transactionId()))).toList();
        List<Notarized> all = new java.util.ArrayList<>(onLedger);
        all.addAll(listed);
        for (Notarized anchor : listed) {
            Optional<AuditVerification> bad = against(checked, head, previousHash, anchor, all, onChain);
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        return AuditVerification.good(checked, head, previousHash, onChain);
    }

    /**
     * A chain that checked out up to {@code head} compared with a notarized head. When the record
     * no longer hashes to what was notarized, the chain was rewritten, but from which record on
     * cannot be told: a rewrite changes the hash of every later record, and the walk only shows
     * that the rewritten chain is consistent in itself. What is known is that the newest earlier
     * notarized head ({@code others}) that still matches was not rewritten: the records after it,
     * up to the one that no longer matches, cannot be trusted, and the first of them is reported.
     */
    private Optional<AuditVerification> against(long checked, long head, String headHash, Notarized notarized,
            List<Notarized> others, OnChainCheck onChain) {
        if (notarized.sequence() > head) {
            return Optional.of(AuditVerification.bad(checked, head, headHash, head + 1,
                    AuditReasons.notarizedMissing(head, notarized.sequence(), notarized.what()), onChain));
        }
        AuditRecord anchored = records.bySequence(notarized.sequence()).orElseThrow();
        if (anchored.hash().equals(notarized.hash())) {
            return Optional.empty();
        }
        Optional<Notarized> intact = others.stream().filter(o -> o.sequence() < anchored.sequence())
                .filter(o -> records.bySequence(o.sequence()).map(r -> r.hash().equals(o.hash())).orElse(false))
                .max(java.util.Comparator.comparingLong(Notarized::sequence));
        long first = intact.map(o -> o.sequence() + 1).orElse(1L);
        return Optional.of(AuditVerification.bad(checked, head, headHash, first, AuditReasons.rewritten(first,
                anchored.sequence(), anchored.hash(), notarized.what(), notarized.hash(),
                intact.map(Notarized::sequence).orElse(null), intact.map(Notarized::what).orElse(null)), onChain));
    }

    /** A notarized head: record {@code sequence} hashed to {@code hash}; {@code what} says where it was notarized. */
    private record Notarized(long sequence, String hash, String what) {}

    List<AuditAnchor> anchors(Caller caller, int limit) {
        requireSeesAll(caller);
        return records.anchors(Math.max(1, Math.min(limit, MAX_PAGE)));
    }
}
