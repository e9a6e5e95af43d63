package io.consortia.platform.audit;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the audit chain. Public so that features which act outside the REST filter (the
 * gateway, scheduled jobs) can record too. Appends are serialised in this process; the primary
 * key on the sequence makes a second platform on the same database fail and retry rather than
 * fork the chain.
 *
 * <p>The next record follows the database's head, unless that head is behind (or differs from)
 * the newest record this trail knows was written: the last one it wrote itself, or the newest
 * head notarized as the database's list of notarizations had it when this trail first appended
 * (after a restart), or one its notary notarized since. Records were then deleted from the end (or
 * the head rewritten): the trail logs an ERROR naming the gap once and continues after the known
 * record, chained onto its hash, so that the gap stays a gap for verify however many records
 * follow, instead of being filled with new records that would look genuine.
 */
@Service
public class AuditTrail {
    /**
     * Request attribute (String) the gateway sets to the access key id as soon as it knows it, so
     * that the audit filter records the request, also a refused one, as that key's.
     */
    public static final String GATEWAY_ACCESS_KEY = "consortia.gateway.accessKey";
    /** Request attribute (a Number) the gateway sets to the access key's organisation id. */
    public static final String GATEWAY_ORGANIZATION = "consortia.gateway.organization";
    /** Request attribute (String): the problem type of the gateway's refusal of a request. */
    public static final String GATEWAY_REFUSAL = "consortia.gateway.refusal";
    /** Request attribute (String): the key id a refused request named when no such key exists. */
    public static final String GATEWAY_CLAIMED_KEY = "consortia.gateway.claimedKey";
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final int ATTEMPTS = 5;
    private final AuditRepository records;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Object appendLock = new Object();
    /** The newest record known to have been written (guarded by appendLock); null when none is known. */
    private Known known;
    /** Whether the database's list of notarizations was read (guarded by appendLock). */
    private boolean anchorsRead;
    /** The last discrepancy logged (guarded by appendLock), so that each is logged once. */
    private String alarmed;

    AuditTrail(AuditRepository records, TransactionTemplate transactions) {
        this.records = records;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
    }

    /** Appends the event; returns the sealed record. */
    public AuditRecord record(AuditEvent event) {
        synchronized (appendLock) {
            for (int attempt = 1; ; attempt++) {
                try {
                    AuditRecord written = transactions.execute(status -> {
                        if (!anchorsRead) {
                            records.lastAnchored().ifPresent(a -> learn(a.sequence(), a.headHash(),
                                    "notarized in transaction " + a.transactionId()));
                            anchorsRead = true;
                        }
                        Known after = after(records.head());
                        AuditRecord sealed = AuditRecord.of(after.sequence() + 1, clock.millis(), event,
                                after.hash());
                        records.insert(sealed);
                        return sealed;
                    });
                    known = new Known(written.sequence(), written.hash(), "written by this platform");
                    return written;
                } catch (DuplicateKeyException e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                    LOG.debug("Audit sequence taken by another writer; retrying", e);
                }
            }
        }
    }

    /**
     * Tells the trail that record {@code sequence} hashing to {@code hash} was notarized: a record
     * known to have been written, which the trail never numbers again.
     */
    void notarized(long sequence, String hash, String transactionId) {
        synchronized (appendLock) {
            learn(sequence, hash, "notarized in transaction " + transactionId);
        }
    }

    private void learn(long sequence, String hash, String how) {
        if (known == null || sequence > known.sequence()) {
            known = new Known(sequence, hash, how);
        }
    }

    /**
     * The record the next one follows: the database's head, or the newest record known to have
     * been written when the database's head is behind it or differs from it.
     */
    private Known after(Optional<AuditRecord> head) {
        long headSequence = head.map(AuditRecord::sequence).orElse(0L);
        String headHash = head.map(AuditRecord::hash).orElse(AuditChain.GENESIS);
        if (known == null || headSequence > known.sequence()
                || headSequence == known.sequence() && headHash.equals(known.hash())) {
            return new Known(headSequence, headHash, "the database's head");
        }
        String alarm = headSequence + "/" + headHash + "/" + known.sequence();
        if (!alarm.equals(alarmed)) {
            alarmed = alarm;
            if (headSequence < known.sequence()) {
                LOG.error("Audit records {} to {} were deleted from the database: its audit trail ends at record {} "
                        + "but record {} was {} (hash {}). New records are numbered from {} on and chained onto "
                        + "record {}, so that verify keeps reporting records {} to {} as missing; investigate "
                        + "(GET /api/v1/audit/verify)", headSequence + 1, known.sequence(), headSequence,
                        known.sequence(), known.how(), known.hash(), known.sequence() + 1, known.sequence(),
                        headSequence + 1, known.sequence());
            } else {
                LOG.error("Audit record {} was rewritten in the database: it hashes to {} but it was {} with hash {}. "
                        + "New records are chained onto the hash it had, so that verify reports the break; "
                        + "investigate (GET /api/v1/audit/verify)", headSequence, headHash, known.how(),
                        known.hash());
            }
        }
        return known;
    }

    /** The newest record, if any. */
    public Optional<AuditRecord> head() {
        return records.head();
    }

    /** A record known to have been written, and how it is known. */
    private record Known(long sequence, String hash, String how) {}
}
