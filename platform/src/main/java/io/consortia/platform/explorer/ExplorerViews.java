package io.consortia.platform.explorer;

import java.util.List;
import java.util.Map;

/** What the explorer API answers. */
final class ExplorerViews {
    private ExplorerViews() {}

    record Overview(long consortiumId, String name, String status, String signatureScheme,
            List<OrganizationEntry> organizations, List<NodeEntry> nodes, List<ChannelEntry> channels,
            long blockHeight, long transactionCount, double transactionsPerSecondLastMinute) {}

    record OrganizationEntry(long id, String name, boolean leader) {}

    record NodeEntry(String nodeId, long organizationId, String status, String apiAddress, Map<String, Long> heights) {}

    /** @param height indexed blocks (genesis included); indexStatus FOLLOWING or BROKEN (with reason) */
    record ChannelEntry(String name, String status, List<Long> organizationIds, long height, long transactionCount,
            double transactionsPerSecondLastMinute, String indexStatus, String indexProblem) {}

    record Page<T>(int page, int size, long total, List<T> items) {}

    record BlockSummary(String channel, long number, String hash, String previousHash, String transactionsRoot,
            int transactionCount, long timestampMillis) {}

    record BlockDetail(BlockSummary block, List<TransactionSummary> transactions) {}

    record TransactionSummary(String channel, String transactionId, long blockNumber, int indexInBlock,
            String contract, String function, String creatorOrganization, String code, String reason,
            long timestampMillis) {}

    /** A search hit: kind BLOCK or TRANSACTION, with where to find it. */
    record SearchHit(String kind, String channel, long blockNumber, String blockHash, String transactionId) {}

    record SearchResult(String query, List<SearchHit> hits) {}

    /**
     * A transaction with its Merkle proof of inclusion. {@code receipt} is the node's
     * TransactionInfo (protobuf, base64) for offline verification with the SDK's ProofVerifier.
     */
    record TransactionDetail(String channel, String transactionId, long blockNumber, String blockHash,
            int indexInBlock, String code, String reason, String contract, String function, List<String> arguments,
            String creatorOrganization, String creatorCommonName, long timestampMillis, String result, Proof proof,
            boolean proofVerified, String receipt) {}

    record Proof(int leafIndex, int leafCount, List<String> siblings, String transactionsRoot, String hashFunction) {}
}
