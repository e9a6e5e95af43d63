package io.consortia.node.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.MerkleTree;
import io.consortia.crypto.ReceiptLeaf;
import io.consortia.crypto.SignatureScheme;
import io.consortia.crypto.Signer;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.node.ledger.TransactionProofs;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/protocol.md are test vectors: this test recomputes every one of
 * them, for both schemes, with the node's own code (Merkle trees, receipt leaves, results hash,
 * block hash, signatures) and fails if the document and the code disagree. The SM2 signature is
 * randomised, so the document's one is verified instead of recomputed. On a mismatch the message
 * holds the vectors as the code computes them.
 */
class ProtocolDocumentTest {
    private static final Path DOCUMENT = Path.of("..", "docs", "protocol.md");
    private static final Pattern VECTOR = Pattern.compile("(?m)^([a-z0-9][a-z0-9.\\-]*) = ([0-9a-f]*)$");
    /** The private key of the examples: a fixed scalar, valid on both curves. */
    static final BigInteger PRIVATE_KEY = new BigInteger("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 16);

    @Test
    void the_documents_test_vectors_are_what_the_code_computes_for_both_schemes() throws Exception {
        String document = Files.readString(DOCUMENT, UTF_8);
        Map<String, String> written = new TreeMap<>();
        Matcher m = VECTOR.matcher(document);
        while (m.find()) {
            assertThat(written.put(m.group(1), m.group(2))).as("vector %s written twice", m.group(1)).isNull();
        }
        Map<String, String> computed = vectors();
        StringBuilder expected = new StringBuilder();
        computed.forEach((k, v) -> expected.append(k).append(" = ").append(v).append('\n'));
        expected.append("sm2.signature = ").append(written.getOrDefault("sm2.signature", freshSm2Signature())).append('\n');
        for (Map.Entry<String, String> vector : computed.entrySet()) {
            assertThat(written.get(vector.getKey())).as("vector %s in docs/protocol.md; the code computes:%n%s",
                    vector.getKey(), expected).isEqualTo(vector.getValue());
        }
        assertThat(written.keySet()).as("vectors in the document that no code checks")
                .containsExactlyInAnyOrderElementsOf(concat(computed.keySet(), List.of("sm2.signature")));

        // SM2 signatures are randomised: the document's must verify over the payload with the key
        Signer sm2 = signer(SignatureScheme.SM2_SM3);
        byte[] payload = Hashes.fromHex(written.get("payload"));
        byte[] signature = Hashes.fromHex(written.get("sm2.signature"));
        assertThat(SignatureScheme.SM2_SM3.verify(sm2.publicKey(), payload, signature)).isTrue();
        payload[payload.length - 1] ^= 1;
        assertThat(SignatureScheme.SM2_SM3.verify(sm2.publicKey(), payload, signature)).isFalse();
    }

    /** Prints a fresh SM2 signature of the example payload, e.g. to put into the document. */
    static String freshSm2Signature() throws Exception {
        return Hashes.hex(signer(SignatureScheme.SM2_SM3).sign(payload().toByteArray()));
    }

    static Map<String, String> vectors() throws Exception {
        Map<String, String> v = new LinkedHashMap<>();
        TransactionPayload payload = payload();
        v.put("payload", Hashes.hex(payload.toByteArray()));
        v.put("receipt.leaf-code-bytes.contract-rejected", Hashes.hex(java.nio.ByteBuffer.allocate(4)
                .putInt(ValidationCode.CONTRACT_REJECTED_VALUE).array()));
        for (SignatureScheme scheme : SignatureScheme.values()) {
            String p = scheme == SignatureScheme.ECDSA_P256_SHA256 ? "p256." : "sm2.";
            HashFunction hash = scheme.hash();
            v.put(p + "hash.abc", Hashes.hex(hash.digest("abc".getBytes(UTF_8))));
            v.put(p + "merkle.root.empty", Hashes.hex(MerkleTree.root(hash, List.of())));
            v.put(p + "transaction.id", Hashes.hex(hash.digest(payload.toByteArray())));

            // a block of three transactions with ids H("a"), H("b"), H("c")
            byte[][] ids = {hash.digest("a".getBytes(UTF_8)), hash.digest("b".getBytes(UTF_8)), hash.digest("c".getBytes(UTF_8))};
            for (int i = 0; i < 3; i++) {
                v.put(p + "merkle.id" + i, Hashes.hex(ids[i]));
            }
            byte[][] leaves = new byte[3][];
            for (int i = 0; i < 3; i++) {
                leaves[i] = hash.digest(new byte[] {0}, ids[i]);
                v.put(p + "merkle.leaf" + i, Hashes.hex(leaves[i]));
            }
            byte[] node01 = hash.digest(new byte[] {1}, leaves[0], leaves[1]);
            v.put(p + "merkle.node01", Hashes.hex(node01));
            byte[] root = MerkleTree.root(hash, List.of(ids));
            assertThat(root).isEqualTo(hash.digest(new byte[] {1}, node01, leaves[2])); // leaf 2 promoted
            v.put(p + "merkle.root", Hashes.hex(root));
            var proof2 = MerkleTree.build(hash, List.of(ids)).proof(2);
            assertThat(proof2.siblings()).hasSize(1);
            v.put(p + "merkle.proof2.sibling0", Hashes.hex(proof2.siblings().get(0)));

            List<BlockTransaction> recorded = List.of(
                    recorded(ids[0], ValidationCode.VALID, "{\"ok\":true}"),
                    recorded(ids[1], ValidationCode.CONTRACT_REJECTED, ""),
                    recorded(ids[2], ValidationCode.VALID, "x"));
            List<byte[]> receiptLeaves = TransactionProofs.receiptLeaves(hash, recorded);
            for (int i = 0; i < 3; i++) {
                v.put(p + "receipt.leaf" + i, Hashes.hex(receiptLeaves.get(i)));
            }
            assertThat(receiptLeaves.get(1)).isEqualTo(ReceiptLeaf.encode(hash, ids[1], 12, new byte[0]));
            byte[] receiptsRoot = MerkleTree.root(hash, receiptLeaves);
            v.put(p + "receipts.root", Hashes.hex(receiptsRoot));
            byte[] resultsHash = BlockExecutor.resultsHash(hash, recorded);
            v.put(p + "results.hash", Hashes.hex(resultsHash));

            BlockHeader header = BlockHeader.newBuilder()
                    .setChannel("main")
                    .setNumber(7)
                    .setPreviousHash(ByteString.copyFrom(hash.digest("block 6".getBytes(UTF_8))))
                    .setTransactionsRoot(ByteString.copyFrom(root))
                    .setStateHash(ByteString.copyFrom(hash.digest("state".getBytes(UTF_8))))
                    .setTimestampMillis(1_764_000_000_000L)
                    .setTransactionCount(3)
                    .setResultsHash(ByteString.copyFrom(resultsHash))
                    .setVersion(ReceiptLeaf.HEADER_VERSION)
                    .setReceiptsRoot(ByteString.copyFrom(receiptsRoot))
                    .build();
            v.put(p + "header.previous-hash", Hashes.hex(header.getPreviousHash().toByteArray()));
            v.put(p + "header.state-hash", Hashes.hex(header.getStateHash().toByteArray()));
            v.put(p + "header.bytes", Hashes.hex(header.toByteArray()));
            v.put(p + "block.hash", Hashes.hex(ChannelLedger.blockHash(hash, header)));
            BlockHeader versionZero = header.toBuilder().clearVersion().clearReceiptsRoot().build();
            v.put(p + "header-v0.bytes", Hashes.hex(versionZero.toByteArray()));
            v.put(p + "block-v0.hash", Hashes.hex(ChannelLedger.blockHash(hash, versionZero)));

            Signer signer = signer(scheme);
            ECPublicKey publicKey = (ECPublicKey) signer.publicKey();
            v.put(p + "public-key", "04" + fixed(publicKey.getW().getAffineX()) + fixed(publicKey.getW().getAffineY()));
            if (scheme == SignatureScheme.ECDSA_P256_SHA256) {
                // RFC 6979 makes ECDSA deterministic: this exact DER signature is reproducible
                v.put(p + "signature", Hashes.hex(signer.sign(payload.toByteArray())));
            } else {
                byte[] z = sm2Z(publicKey);
                v.put(p + "z", Hashes.hex(z));
                v.put(p + "e", Hashes.hex(hash.digest(z, payload.toByteArray())));
            }
        }
        return v;
    }

    /** Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), ID = "1234567812345678" (GB/T 32918.2). */
    private static byte[] sm2Z(ECPublicKey key) {
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("sm2p256v1");
        byte[] id = "1234567812345678".getBytes(UTF_8);
        byte[] entl = {(byte) ((id.length * 8) >> 8), (byte) (id.length * 8)};
        return Hashes.sm3().digest(entl, id, Hashes.fromHex(fixed(curve.getCurve().getA().toBigInteger())),
                Hashes.fromHex(fixed(curve.getCurve().getB().toBigInteger())),
                Hashes.fromHex(fixed(curve.getG().getAffineXCoord().toBigInteger())),
                Hashes.fromHex(fixed(curve.getG().getAffineYCoord().toBigInteger())),
                Hashes.fromHex(fixed(key.getW().getAffineX())), Hashes.fromHex(fixed(key.getW().getAffineY())));
    }

    static TransactionPayload payload() {
        return TransactionPayload.newBuilder()
                .setChannel("main")
                .setCreator(Creator.newBuilder().setOrganization("org1")
                        .setCertificateId(ByteString.copyFrom(new byte[32])))
                .setNonce(ByteString.copyFrom(Hashes.fromHex("000102030405060708090a0b0c0d0e0f")))
                .setTimestampMillis(1_764_000_000_000L)
                .setContract("notarization")
                .setFunction("record")
                .addArgs(ByteString.copyFromUtf8("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
                .addArgs(ByteString.copyFromUtf8("invoice 42"))
                .build();
    }

    private static BlockTransaction recorded(byte[] id, ValidationCode code, String result) {
        return BlockTransaction.newBuilder().setTransactionId(Hashes.hex(id)).setCode(code)
                .setResult(ByteString.copyFromUtf8(result)).build();
    }

    private static Signer signer(SignatureScheme scheme) throws Exception {
        String curve = scheme == SignatureScheme.ECDSA_P256_SHA256 ? "secp256r1" : "sm2p256v1";
        PrivateKey key = KeyFactory.getInstance("EC", new BouncyCastleProvider())
                .generatePrivate(new ECPrivateKeySpec(PRIVATE_KEY, ECNamedCurveTable.getParameterSpec(curve)));
        return scheme.signer(key);
    }

    private static String fixed(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static List<String> concat(java.util.Collection<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
