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
                    return transactions.execute(status -> {
                        Optional<AuditRecord> head = records.head();
                        AuditRecord sealed = AuditRecord.of(head.map(h -> h.sequence() + 1).orElse(1L),
                                clock.millis(), event, head.map(AuditRecord::hash).orElse(AuditChain.GENESIS));
                        records.insert(sealed);
                        return sealed;
                    });
                } catch (DuplicateKeyException e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                    LOG.debug("Audit sequence taken by another writer; retrying", e);
                }
            }
        }
    }

    /** The newest record, if any. */
    public Optional<AuditRecord> head() {
        return records.head();
    }
}
