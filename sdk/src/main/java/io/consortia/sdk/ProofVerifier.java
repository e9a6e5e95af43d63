package io.consortia.sdk;

import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.MerklePath;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks, offline, that a transaction is included in a block — so a third party (an auditor,
 * a court) who only trusts a block hash can verify a receipt without access to the network.
 *
 * <pre>{@code
 * TransactionInfo receipt = channel.transaction(transactionId);   // store it, e.g. as bytes
 * ...
 * boolean included = ProofVerifier.verify(receipt, Hashes.sha256());
 * boolean notarized = ProofVerifier.verifyNotarization(receipt, documentSha256Hex, Hashes.sha256());
 * // and compare receipt.getBlockHash() with a block hash obtained from a trusted source
 * }</pre>
 *
 * <p>What is proved: the payload hashes to the transaction id; that id is leaf
 * {@code index_in_block} of the Merkle tree whose root is in the block header; the header
 * hashes to {@code block_hash}. What is not: that {@code block_hash} belongs to the real chain
 * — the caller must compare it with a hash from a source it trusts — and the creator's
 * signature and certificate, which the channel's nodes checked at admission. The header is
 * re-serialized to hash it, which reproduces the node's bytes as long as both sides know
 * the same BlockHeader fields.
 */
public final class ProofVerifier {
    static final String NOTARIZATION_CONTRACT = "notarization";
    static final String NOTARIZATION_FUNCTION = "record";

    private ProofVerifier() {}

    /**
     * Whether the transaction is provably included in the block identified by
     * {@code info.getBlockHash()}. Never throws for malformed or tampered input: it answers false.
     *
     * @param hash the channel's hash function (SHA-256 or SM3)
     */
    public static boolean verify(TransactionInfo info, HashFunction hash) {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(hash, "hash");
        try {
            return check(info, hash);
        } catch (RuntimeException e) {
            return false; // malformed proof: indices out of range, wrong hash lengths, ...
        }
    }

    /**
     * Whether the transaction is included (see {@link #verify}) and is a valid call of
     * {@code notarization.record} whose first argument is the document hash (hex, case ignored).
     */
    public static boolean verifyNotarization(TransactionInfo info, String documentHash, HashFunction hash) {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(documentHash, "documentHash");
        Objects.requireNonNull(hash, "hash");
        if (!verify(info, hash) || info.getTransaction().getCode() != ValidationCode.VALID) {
            return false;
        }
        Optional<TransactionPayload> payload = payload(info.getTransaction());
        if (payload.isEmpty()) {
            return false;
        }
        TransactionPayload call = payload.get();
        return NOTARIZATION_CONTRACT.equals(call.getContract())
                && NOTARIZATION_FUNCTION.equals(call.getFunction())
                && call.getArgsCount() > 0
                && call.getArgs(0).toString(StandardCharsets.UTF_8).trim().equalsIgnoreCase(documentHash.trim());
    }

    private static boolean check(TransactionInfo info, HashFunction hash) {
        BlockTransaction recorded = info.getTransaction();
        byte[] id = hash.digest(recorded.getTransaction().getPayload().toByteArray());
        if (!Hashes.hex(id).equalsIgnoreCase(recorded.getTransactionId())) {
            return false;
        }
        BlockHeader header = info.getBlockHeader();
        MerkleProof proof = info.getProof();
        if (header.getNumber() != info.getBlockNumber()
                || proof.getLeafIndex() != info.getIndexInBlock()
                || proof.getLeafCount() != header.getTransactionCount()) {
            return false;
        }
        List<byte[]> siblings = proof.getSiblingsList().stream().map(s -> s.toByteArray()).toList();
        MerklePath path = new MerklePath(proof.getLeafIndex(), proof.getLeafCount(), siblings);
        if (!path.verify(hash, id, header.getTransactionsRoot().toByteArray())) {
            return false;
        }
        return MessageDigest.isEqual(hash.digest(header.toByteArray()), info.getBlockHash().toByteArray());
    }

    private static Optional<TransactionPayload> payload(BlockTransaction recorded) {
        try {
            return Optional.of(TransactionPayload.parseFrom(recorded.getTransaction().getPayload()));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
