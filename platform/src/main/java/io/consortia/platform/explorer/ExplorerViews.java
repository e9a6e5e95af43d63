package io.consortia.platform.explorer;

import io.swagger.v3.oas.annotations.media.Schema;
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

    /**
     * Every field of a block header (what the block hash is computed from, docs/protocol.md) and
     * the block hash. Byte strings are lower-case hex; H is the channel's hash (SHA-256 or SM3).
     */
    @Schema(description = "A block header with every field, and the block hash = H(canonical protobuf of the header). "
            + "Byte strings are lower-case hex; H is the channel's hash function (SHA-256 for ECDSA_P256 channels, "
            + "SM3 for SM2 channels).")
    record BlockSummary(
            @Schema(description = "Channel name (header field 1)") String channel,
            @Schema(description = "Block number, genesis = 0 (header field 2)") long number,
            @Schema(description = "Block hash: H of the header's canonical protobuf encoding, lower-case hex") String hash,
            @Schema(description = "Hash of the previous block, lower-case hex; 32 zero bytes for the genesis block "
                    + "(header field 3)") String previousHash,
            @Schema(description = "Merkle root over the transaction ids in block order, lower-case hex "
                    + "(header field 4)") String transactionsRoot,
            @Schema(description = "H over the block's sorted state writes, lower-case hex (header field 5)")
            String stateHash,
            @Schema(description = "H over every transaction's (uint32 big-endian code, uint32 big-endian result "
                    + "length, result) in block order, lower-case hex; empty for the genesis block (header field 8)")
            String resultsHash,
            @Schema(description = "Merkle root over the receipt leaves (transaction id, uint32 big-endian code, "
                    + "H(result)), lower-case hex; empty for blocks of header version 0 (header field 10)")
            String receiptsRoot,
            @Schema(description = "Header version: 0 = written before receipts roots (verdicts not provable), "
                    + "1 = with receiptsRoot (header field 9)") int version,
            @Schema(description = "Number of transactions, valid or not (header field 7)") int transactionCount,
            @Schema(description = "Block time: milliseconds since the Unix epoch (UTC) stamped by the Raft leader "
                    + "that ordered the block, the same on every node (header field 6)") long blockTimestampMillis) {}

    record BlockDetail(BlockSummary block, List<TransactionSummary> transactions) {}

    record TransactionSummary(String channel, String transactionId, long blockNumber, int indexInBlock,
            String contract, String function, String creatorOrganization, String code, String reason,
            @Schema(description = "Block time of the transaction's block: milliseconds since the Unix epoch (UTC)")
            long blockTimestampMillis) {}

    /** A search hit: kind BLOCK or TRANSACTION, with where to find it. */
    record SearchHit(String kind, String channel, long blockNumber, String blockHash, String transactionId) {}

    record SearchResult(String query, List<SearchHit> hits) {}

    /**
     * A transaction with its receipt: the proofs the platform checked and that anyone can check
     * again offline (the receipt file, {@code GET .../transactions/{id}/receipt}).
     */
    @Schema(description = "A transaction with its receipt, checked by the platform with the SDK's ProofVerifier. "
            + "Byte strings are lower-case hex unless said otherwise.")
    record TransactionDetail(String channel,
            @Schema(description = "H(payload), lower-case hex") String transactionId,
            long blockNumber,
            @Schema(description = "Block hash, lower-case hex") String blockHash,
            int indexInBlock,
            @Schema(description = "Validation code name, e.g. VALID or CONTRACT_REJECTED") String code,
            @Schema(description = "Why it is not VALID; informative, not covered by any hash") String reason,
            String contract, String function,
            @Schema(description = "The call's arguments as UTF-8, or 0x-prefixed hex when not UTF-8")
            List<String> arguments,
            String creatorOrganization, String creatorCommonName,
            @Schema(description = "Creator's time: the transaction payload's timestamp, milliseconds since the Unix "
                    + "epoch (UTC), set by the client that signed it") long createdAtMillis,
            @Schema(description = "Block time of the transaction's block, milliseconds since the Unix epoch (UTC)")
            long blockTimestampMillis,
            @Schema(description = "The result the contract returned, as UTF-8 text") String result,
            Proof proof,
            @Schema(description = "The header the proofs lead to") BlockSummary header,
            @Schema(description = "The platform verified the receipt: payload -> id -> transactions root, "
                    + "(id, code, result) -> receipts root for header version 1, header -> block hash")
            boolean proofVerified,
            @Schema(description = "The validation code and result are proven by the block's receipts root; false for "
                    + "blocks of header version 0") boolean verdictProven,
            @Schema(description = "Each check the platform made, in order") List<String> verificationSteps,
            @Schema(description = "Why the receipt was refused; null when proofVerified") String verificationFailure,
            @Schema(description = "The node's TransactionInfo (protobuf, standard base64), e.g. for the SDK's "
                    + "ProofVerifier") String receipt) {}

    /** The two Merkle proofs of a receipt. */
    record Proof(
            @Schema(description = "Position of the transaction in its block, from 0") int leafIndex,
            @Schema(description = "Transactions in the block") int leafCount,
            @Schema(description = "Transactions-tree siblings from the leaf level up, lower-case hex") List<String> siblings,
            @Schema(description = "Root the siblings lead to, lower-case hex") String transactionsRoot,
            @Schema(description = "Receipts-tree siblings from the leaf level up, lower-case hex; null for blocks of "
                    + "header version 0") List<String> receiptSiblings,
            @Schema(description = "Receipts root, lower-case hex; empty for header version 0") String receiptsRoot,
            @Schema(description = "The channel's hash function: SHA-256 or SM3") String hashFunction) {}
}
