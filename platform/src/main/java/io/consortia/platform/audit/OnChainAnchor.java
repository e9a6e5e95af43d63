package io.consortia.platform.audit;

/**
 * The k-th anchor of the trail as the ledger holds it ({@link AnchorIndex}): record
 * {@code sequence} hashed to {@code headHash}, notarized in {@code headTransactionId}; the
 * index entry itself is transaction {@code transactionId} in block {@code blockNumber},
 * submitted by {@code submitterOrganization}.
 */
record OnChainAnchor(long index, long sequence, String headHash, String headTransactionId, String transactionId,
        long blockNumber, String submitterOrganization) {}
