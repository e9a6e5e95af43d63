package io.consortia.platform.audit;

import java.time.Instant;

/**
 * A notarization of the chain's head: the record {@code sequence} whose hash was {@code headHash},
 * recorded on channel {@code channel} of consortium {@code consortiumId} in transaction
 * {@code transactionId}; or a failed attempt (status FAILED with the reason).
 */
public record AuditAnchor(long id, long sequence, String headHash, long consortiumId, String channel,
        String transactionId, Long blockNumber, String status, String reason, Instant anchoredAt) {}
