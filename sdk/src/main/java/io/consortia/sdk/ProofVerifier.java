package io.consortia.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.Certificates;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.MerklePath;
import io.consortia.crypto.Pem;
import io.consortia.crypto.ReceiptLeaf;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks a receipt ({@link TransactionInfo}) offline, so a third party (an auditor, a court)
 * who trusts only a block hash can verify it without access to the network.
 *
 * <pre>{@code
 * TransactionInfo receipt = channel.transaction(transactionId);   // store it, e.g. as bytes or ReceiptJson
 * ...
 * ReceiptVerification v = ProofVerifier.check(receipt, Hashes.sha256(), trustedBlockHash);
 * if (!v.ok()) System.out.println(v.failure());
 * ReceiptVerification n = ProofVerifier.checkNotarization(receipt, documentSha256Hex, Hashes.sha256());
 * }</pre>
 *
 * <p>What is proved (docs/protocol.md, "Verifying a receipt"): the payload hashes to the
 * transaction id; that id is leaf {@code index_in_block} of the transactions tree in the
 * header; for headers of version 1, the leaf (id, validation code, H(result)) is at the same
 * position of the receipts tree in the header, so the verdict and the result are proven too;
 * the header hashes to {@code block_hash} (and to the trusted hash, when given). For a block
 * of version 0 the receipt proves inclusion only and {@link ReceiptVerification#verdictProven()}
 * is false. What is not proved: that an untrusted {@code block_hash} belongs to the real chain,
 * and the creator's signature and certificate, which the channel's nodes checked at admission.
 * The header is re-serialized to hash it, which reproduces the node's bytes as long as both
 * sides know the same BlockHeader fields (unknown fields are kept and hashed as received).
 */
public final class ProofVerifier {
    static final String NOTARIZATION_CONTRACT = "notarization";
    static final String NOTARIZATION_FUNCTION = "record";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProofVerifier() {}

    /**
     * Checks the receipt's proofs against its own block hash. Never throws for malformed or
     * tampered input: the result says what failed.
     *
     * @param hash the channel's hash function (SHA-256 or SM3)
     */
    public static ReceiptVerification check(TransactionInfo info, HashFunction hash) {
        return check(info, hash, null);
    }

    /**
     * As {@link #check(TransactionInfo, HashFunction)}, and the block hash must equal
     * {@code trustedBlockHash} (from a source the caller trusts; null to skip).
     */
    public static ReceiptVerification check(TransactionInfo info, HashFunction hash, byte[] trustedBlockHash) {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(hash, "hash");
        List<String> steps = new ArrayList<>();
        try {
            return checkReceipt(info, hash, trustedBlockHash, steps);
        } catch (RuntimeException e) {
            return ReceiptVerification.failed("malformed receipt: " + e.getMessage(), steps);
        }
    }

    /**
     * Checks the receipt ({@link #check(TransactionInfo, HashFunction, byte[])}) and that it proves
     * a VALID {@code notarization.record} of {@code documentHash} (hex, case ignored) whose
     * recorded result names this document, the metadata and submitter of the call, its time,
     * its transaction and its block. Refused for blocks of version 0 (their verdict is not proven).
     */
    public static ReceiptVerification checkNotarization(TransactionInfo info, String documentHash, HashFunction hash,
            byte[] trustedBlockHash) {
        Objects.requireNonNull(documentHash, "documentHash");
        ReceiptVerification receipt = check(info, hash, trustedBlockHash);
        if (!receipt.ok()) {
            return receipt;
        }
        List<String> steps = new ArrayList<>(receipt.steps());
        if (!receipt.verdictProven()) {
            return ReceiptVerification.failed("the block predates receipts roots (header version 0): its verdict "
                    + "is not proven, so neither is the notarization", steps);
        }
        try {
            String failure = notarizationFailure(info, documentHash, hash, steps);
            return failure == null ? ReceiptVerification.passed(true, steps) : ReceiptVerification.failed(failure, steps);
        } catch (RuntimeException | IOException e) {
            return ReceiptVerification.failed("malformed notarization: " + e.getMessage(), steps);
        }
    }

    public static ReceiptVerification checkNotarization(TransactionInfo info, String documentHash, HashFunction hash) {
        return checkNotarization(info, documentHash, hash, null);
    }

    /**
     * Whether the receipt is consistent: {@link #check(TransactionInfo, HashFunction)} is ok. For a
     * block of version 0 that proves inclusion only; use {@link #check} to learn whether the
     * verdict is proven.
     */
    public static boolean verify(TransactionInfo info, HashFunction hash) {
        return check(info, hash).ok();
    }

    /** Whether {@link #checkNotarization(TransactionInfo, String, HashFunction)} is ok. */
    public static boolean verifyNotarization(TransactionInfo info, String documentHash, HashFunction hash) {
        return checkNotarization(info, documentHash, hash).ok();
    }

    private static ReceiptVerification checkReceipt(TransactionInfo info, HashFunction hash, byte[] trusted,
            List<String> steps) {
        BlockTransaction recorded = info.getTransaction();
        BlockHeader header = info.getBlockHeader();
        byte[] id = hash.digest(recorded.getTransaction().getPayload().toByteArray());
        if (!Hashes.hex(id).equalsIgnoreCase(recorded.getTransactionId())) {
            return ReceiptVerification.failed("the payload does not hash to the transaction id: " + hash.name()
                    + "(payload) = " + Hashes.hex(id) + ", receipt says " + recorded.getTransactionId()
                    + " (altered call, arguments, creator or time)", steps);
        }
        steps.add(hash.name() + "(payload) = transaction id " + Hashes.hex(id));

        byte[] headerHash = hash.digest(header.toByteArray());
        if (!MessageDigest.isEqual(headerHash, info.getBlockHash().toByteArray())) {
            return ReceiptVerification.failed("the block header does not hash to the block hash: " + hash.name()
                    + "(header) = " + Hashes.hex(headerHash) + ", receipt says "
                    + Hashes.hex(info.getBlockHash().toByteArray()) + " (altered header field)", steps);
        }
        steps.add(hash.name() + "(header of block " + header.getNumber() + ") = block hash " + Hashes.hex(headerHash));
        if (trusted != null) {
            if (!MessageDigest.isEqual(headerHash, trusted)) {
                return ReceiptVerification.failed("the block hash " + Hashes.hex(headerHash)
                        + " is not the trusted block hash " + Hashes.hex(trusted), steps);
            }
            steps.add("block hash equals the trusted block hash");
        }
        if (info.getBlockNumber() != header.getNumber()) {
            return ReceiptVerification.failed("the receipt names block " + info.getBlockNumber()
                    + " but its header is block " + header.getNumber(), steps);
        }
        String position = positionFailure("transactions", info.getProof(), info, header);
        if (position != null) {
            return ReceiptVerification.failed(position, steps);
        }
        if (!path(info.getProof()).verify(hash, id, header.getTransactionsRoot().toByteArray())) {
            return ReceiptVerification.failed("the transaction id is not leaf " + info.getIndexInBlock() + " of "
                    + header.getTransactionCount() + " under the header's transactions root "
                    + Hashes.hex(header.getTransactionsRoot().toByteArray()) + " (altered sibling or position)", steps);
        }
        steps.add("transaction id is leaf " + info.getIndexInBlock() + " of " + header.getTransactionCount()
                + " under transactions root " + Hashes.hex(header.getTransactionsRoot().toByteArray()));

        int version = header.getVersion();
        if (version == 0) {
            if (info.hasReceiptProof() || !header.getReceiptsRoot().isEmpty()) {
                return ReceiptVerification.failed("a block of header version 0 has no receipts root, "
                        + "yet the receipt carries one or a proof against it", steps);
            }
            steps.add("block header version 0 predates receipts roots: the validation code "
                    + recorded.getCode() + " and the result are NOT proven by this receipt");
            String creator = creatorFailure(info, hash, steps);
            return creator == null ? ReceiptVerification.passed(false, steps) : ReceiptVerification.failed(creator, steps);
        }
        if (version != ReceiptLeaf.HEADER_VERSION) {
            return ReceiptVerification.failed("unsupported block header version " + version + " (this verifier knows 0 and "
                    + ReceiptLeaf.HEADER_VERSION + ")", steps);
        }
        if (!info.hasReceiptProof()) {
            return ReceiptVerification.failed("the block has a receipts root (header version 1) but the receipt "
                    + "carries no receipt proof", steps);
        }
        position = positionFailure("receipts", info.getReceiptProof(), info, header);
        if (position != null) {
            return ReceiptVerification.failed(position, steps);
        }
        byte[] leaf = ReceiptLeaf.encode(hash, id, recorded.getCodeValue(), recorded.getResult().toByteArray());
        if (!path(info.getReceiptProof()).verify(hash, leaf, header.getReceiptsRoot().toByteArray())) {
            return ReceiptVerification.failed("validation code " + recorded.getCode() + " with result "
                    + hash.name() + " " + Hashes.hex(hash.digest(recorded.getResult().toByteArray()))
                    + " is not what the block recorded for this transaction: the leaf is not under the receipts root "
                    + Hashes.hex(header.getReceiptsRoot().toByteArray())
                    + " (altered validation code, result or receipt sibling)", steps);
        }
        steps.add("(transaction id, code " + recorded.getCode() + " = " + recorded.getCodeValue() + ", " + hash.name()
                + "(result) " + Hashes.hex(hash.digest(recorded.getResult().toByteArray())) + ") is leaf "
                + info.getIndexInBlock() + " under receipts root " + Hashes.hex(header.getReceiptsRoot().toByteArray())
                + ": verdict and result proven");
        steps.add("the reason text \"" + recorded.getReason() + "\" and the events are informative: not committed, not proven");
        String creator = creatorFailure(info, hash, steps);
        return creator == null ? ReceiptVerification.passed(true, steps) : ReceiptVerification.failed(creator, steps);
    }

    /**
     * The creator's certificate must be the one the transaction names, and a VALID transaction's
     * signature must verify with it: the trees commit to the payload (through its id), not to the
     * signature bytes or to the certificate a node returns for a certificate id.
     */
    private static String creatorFailure(TransactionInfo info, HashFunction hash, List<String> steps) {
        TransactionPayload call;
        try {
            call = TransactionPayload.parseFrom(info.getTransaction().getTransaction().getPayload());
        } catch (InvalidProtocolBufferException e) {
            steps.add("the payload is not a TransactionPayload: creator and signature not checked");
            return null;
        }
        ByteString certificate = certificate(call.getCreator(), info, hash);
        if (certificate == null) {
            return "the receipt's creator certificate is not the one the transaction names (by its id, or the copy it carries)";
        }
        if (certificate.isEmpty()) {
            steps.add("no creator certificate in the receipt: signature not checked");
            return null;
        }
        if (info.getTransaction().getCode() != ValidationCode.VALID) {
            steps.add("signature not checked: the transaction is not VALID");
            return null;
        }
        java.security.cert.X509Certificate x509 = Pem.certificateFromDer(certificate.toByteArray());
        io.consortia.crypto.SignatureScheme scheme = "SM3".equals(hash.name())
                ? io.consortia.crypto.SignatureScheme.SM2_SM3 : io.consortia.crypto.SignatureScheme.ECDSA_P256_SHA256;
        if (!scheme.verify(x509.getPublicKey(), info.getTransaction().getTransaction().getPayload().toByteArray(),
                info.getTransaction().getTransaction().getSignature().toByteArray())) {
            return "the signature does not verify with the creator's certificate (" + x509.getSubjectX500Principal()
                    + "): altered signature or creator";
        }
        steps.add(scheme + " signature over the payload verifies with the creator's certificate "
                + x509.getSubjectX500Principal());
        return null;
    }

    private static String positionFailure(String tree, MerkleProof proof, TransactionInfo info, BlockHeader header) {
        if (proof.getLeafIndex() != info.getIndexInBlock()) {
            return "the " + tree + " proof is for position " + proof.getLeafIndex() + " but the receipt says "
                    + info.getIndexInBlock();
        }
        if (proof.getLeafCount() != header.getTransactionCount()) {
            return "the " + tree + " proof is for " + proof.getLeafCount() + " leaves but the block has "
                    + header.getTransactionCount() + " transactions";
        }
        if (proof.getLeafIndex() >= proof.getLeafCount()) {
            return "position " + proof.getLeafIndex() + " is outside a block of " + proof.getLeafCount()
                    + " transactions";
        }
        return null;
    }

    private static MerklePath path(MerkleProof proof) {
        return new MerklePath(proof.getLeafIndex(), proof.getLeafCount(),
                proof.getSiblingsList().stream().map(ByteString::toByteArray).toList());
    }

    private static String notarizationFailure(TransactionInfo info, String documentHash, HashFunction hash,
            List<String> steps) throws IOException {
        BlockTransaction recorded = info.getTransaction();
        if (recorded.getCode() != ValidationCode.VALID) {
            return "the transaction was committed " + recorded.getCode() + ", not VALID: nothing was notarized";
        }
        TransactionPayload call;
        try {
            call = TransactionPayload.parseFrom(recorded.getTransaction().getPayload());
        } catch (InvalidProtocolBufferException e) {
            return "the payload is not a TransactionPayload";
        }
        if (!NOTARIZATION_CONTRACT.equals(call.getContract()) || !NOTARIZATION_FUNCTION.equals(call.getFunction())
                || call.getArgsCount() == 0) {
            return "the transaction calls " + call.getContract() + "." + call.getFunction() + ", not notarization.record";
        }
        String argument = call.getArgs(0).toString(StandardCharsets.UTF_8).trim();
        if (!argument.equalsIgnoreCase(documentHash.trim())) {
            return "the transaction notarized document " + argument + ", not " + documentHash.trim();
        }
        String metadata = call.getArgsCount() > 1 ? call.getArgs(1).toString(StandardCharsets.UTF_8) : "";
        JsonNode result = JSON.readTree(recorded.getResult().toByteArray());
        if (result == null || !result.isObject()) {
            return "the result is not a notarization record";
        }
        String failure = mismatch(result, "documentHash", argument.toLowerCase(Locale.ROOT));
        failure = failure != null ? failure : mismatch(result, "metadata", metadata);
        failure = failure != null ? failure : mismatch(result, "submitterOrganization", call.getCreator().getOrganization());
        failure = failure != null ? failure : mismatch(result, "transactionId", recorded.getTransactionId().toLowerCase(Locale.ROOT));
        if (failure == null && result.path("timestampMillis").asLong(Long.MIN_VALUE) != call.getTimestampMillis()) {
            failure = "the result's timestampMillis " + result.path("timestampMillis") + " is not the call's "
                    + call.getTimestampMillis();
        }
        if (failure == null && result.path("blockNumber").asLong(Long.MIN_VALUE) != info.getBlockHeader().getNumber()) {
            failure = "the result's blockNumber " + result.path("blockNumber") + " is not the block's "
                    + info.getBlockHeader().getNumber();
        }
        if (failure != null) {
            return failure;
        }
        steps.add("notarization.record of document " + argument.toLowerCase(Locale.ROOT) + " by "
                + call.getCreator().getOrganization() + ", metadata " + quoted(metadata) + ", time "
                + call.getTimestampMillis() + " (creator's clock), block time " + info.getBlockHeader().getTimestampMillis()
                + ": the proven result records exactly this call");
        String submitter = result.path("submitterName").asText("");
        ByteString certificate = certificate(call.getCreator(), info, hash);
        if (certificate == null || certificate.isEmpty()) {
            steps.add("submitter name " + quoted(submitter) + " not checked: the receipt carries no creator certificate");
        } else {
            String commonName = Certificates.commonName(Pem.certificateFromDer(certificate.toByteArray()));
            if (!submitter.equals(commonName)) {
                return "the result's submitterName " + quoted(submitter) + " is not the creator certificate's common name "
                        + quoted(commonName);
            }
            steps.add("submitter name " + quoted(submitter) + " is the common name of the creator's certificate");
        }
        return null;
    }

    /** The creator's certificate DER, empty if unknown, null if the receipt's copy does not match the id. */
    private static ByteString certificate(Creator creator, TransactionInfo info, HashFunction hash) {
        ByteString supplied = info.getCreatorCertificate();
        if (creator.hasCertificate()) {
            // the signed payload carries the certificate: a different copy beside it is not what was issued
            return supplied.isEmpty() || supplied.equals(creator.getCertificate()) ? creator.getCertificate() : null;
        }
        if (supplied.isEmpty()) {
            return ByteString.EMPTY;
        }
        byte[] id = hash.digest(supplied.toByteArray());
        return MessageDigest.isEqual(id, creator.getCertificateId().toByteArray()) ? supplied : null;
    }

    private static String mismatch(JsonNode result, String field, String expected) {
        String actual = result.path(field).asText(null);
        return expected.equals(actual) ? null
                : "the result's " + field + " " + quoted(actual) + " is not the call's " + quoted(expected);
    }

    /**
     * A value the submitter chose, quoted and escaped as JSON writes it: its own quotes, line breaks and control
     * characters (terminal escapes, bidi overrides) would otherwise let it draw lines of this transcript.
     */
    static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
                            || (c >= 0x2066 && c <= 0x2069)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
