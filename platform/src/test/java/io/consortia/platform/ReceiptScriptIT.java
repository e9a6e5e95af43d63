package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.MerklePath;
import io.consortia.crypto.MerkleTree;
import io.consortia.crypto.ReceiptLeaf;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.ReceiptJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's receipt.js in headless Chromium, against the published test vectors and against
 * the Java implementation (crypto module, protobuf, ProofVerifier): SM3 and SHA-256, the canonical
 * header encoding, Merkle proofs at every position of blocks of several sizes, receipt leaves,
 * and tampered receipts refused with the reason. ConsoleIT checks real receipts of real networks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiptScriptIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Browser browser;

    @BeforeAll
    void start() throws IOException {
        browser = new Browser("data:");
        browser.driver().get("data:text/html,<html><body>receipt.js</body></html>");
        try (InputStream in = getClass().getResourceAsStream("/static/console/assets/receipt.js")) {
            browser.script(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void sm3_and_sha256_give_the_standards_test_vectors() {
        // GB/T 32905-2016 appendix A
        assertThat(hash("SM3", "abc"))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(hash("SM3", "abcd".repeat(16)))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
        // FIPS 180-4 examples
        assertThat(hash("SHA-256", "abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hash("SHA-256", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void both_hashes_agree_with_java_for_every_length_across_block_boundaries() {
        Random random = new Random(15);
        for (int length = 0; length <= 200; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String hex = Hashes.hex(data);
            assertThat(script("return ConsortiaReceipt.hex(ConsortiaReceipt.sm3(ConsortiaReceipt.unhex(arguments[0])))", hex))
                    .as("SM3 of %d bytes", length).isEqualTo(Hashes.hex(Hashes.sm3().digest(data)));
            assertThat(script("return ConsortiaReceipt.hex(ConsortiaReceipt.sha256(ConsortiaReceipt.unhex(arguments[0])))", hex))
                    .as("SHA-256 of %d bytes", length).isEqualTo(Hashes.hex(Hashes.sha256().digest(data)));
        }
    }

    @Test
    void the_header_is_encoded_byte_for_byte_as_protobuf_does() throws Exception {
        Random random = new Random(32);
        List<BlockHeader> headers = new ArrayList<>(List.of(BlockHeader.getDefaultInstance(),
                BlockHeader.newBuilder().setChannel("中文通道").setTimestampMillis(-1).build(),
                BlockHeader.newBuilder().setNumber(Long.MAX_VALUE / 1024).setTransactionCount(Integer.MAX_VALUE)
                        .setVersion(1).build()));
        for (int i = 0; i < 20; i++) {
            headers.add(BlockHeader.newBuilder().setChannel("main-" + i).setNumber(random.nextInt(1 << 20))
                    .setPreviousHash(bytes(random, 32)).setTransactionsRoot(bytes(random, 32))
                    .setStateHash(bytes(random, 32)).setTimestampMillis(1_700_000_000_000L + random.nextInt())
                    .setTransactionCount(random.nextInt(3000)).setResultsHash(bytes(random, 32))
                    .setVersion(i % 2).setReceiptsRoot(i % 2 == 0 ? ByteString.EMPTY : bytes(random, 32)).build());
        }
        for (BlockHeader header : headers) {
            String fields = JSON.readTree(ReceiptJson.write(TransactionInfo.newBuilder().setBlockHeader(header).build(),
                    Hashes.sha256())).get("blockHeader").toString();
            assertThat(script("return ConsortiaReceipt.hex(ConsortiaReceipt.encodeHeader(JSON.parse(arguments[0])))", fields))
                    .as(fields).isEqualTo(Hashes.hex(header.toByteArray()));
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void every_position_of_blocks_of_several_sizes_verifies_and_tampering_is_refused(SignatureScheme scheme)
            throws Exception {
        HashFunction hash = scheme.hash();
        Random random = new Random(scheme.ordinal());
        for (int size : new int[] {1, 2, 3, 5, 8}) {
            List<BlockTransaction> transactions = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                byte[] payload = bytes(random, 40 + i).toByteArray();
                transactions.add(BlockTransaction.newBuilder()
                        .setTransaction(Transaction.newBuilder().setPayload(ByteString.copyFrom(payload)))
                        .setTransactionId(Hashes.hex(hash.digest(payload)))
                        .setCode(i % 2 == 0 ? ValidationCode.VALID : ValidationCode.CONTRACT_REJECTED)
                        .setResult(i % 2 == 0 ? bytes(random, i) : ByteString.EMPTY).build());
            }
            for (int version : new int[] {0, 1}) {
                for (int index = 0; index < size; index++) {
                    TransactionInfo receipt = receipt(hash, transactions, index, version);
                    assertThat(ProofVerifier.check(receipt, hash).ok()).isTrue();
                    JsonNode verdict = verify(ReceiptJson.write(receipt, hash));
                    assertThat(verdict.get("ok").asBoolean()).as("%s leaf %d of %d v%d: %s", scheme, index, size,
                            version, verdict).isTrue();
                    assertThat(verdict.get("verdictProven").asBoolean()).isEqualTo(version == 1);
                }
            }
            TransactionInfo receipt = receipt(hash, transactions, size - 1, 1);
            String file = ReceiptJson.write(receipt, hash);
            ValidationCode code = receipt.getTransaction().getCode();
            String forged = code == ValidationCode.VALID
                    ? file.replace("\"code\" : \"VALID\"", "\"code\" : \"CONTRACT_REJECTED\"").replace("\"codeNumber\" : 1,", "\"codeNumber\" : 12,")
                    : file.replace("\"code\" : \"CONTRACT_REJECTED\"", "\"code\" : \"VALID\"").replace("\"codeNumber\" : 12,", "\"codeNumber\" : 1,");
            assertThat(forged).isNotEqualTo(file);
            assertThat(verify(forged).get("failure").asText()).contains("is not what the block recorded for this transaction");
            String otherTime = file.replace("\"timestampMillis\" : " + receipt.getBlockHeader().getTimestampMillis(),
                    "\"timestampMillis\" : " + (receipt.getBlockHeader().getTimestampMillis() + 1));
            assertThat(verify(otherTime).get("failure").asText()).contains("not the block hash");
            if (size > 1) {
                String sibling = Hashes.hex(receipt.getProof().getSiblings(0).toByteArray());
                String flipped = (sibling.charAt(0) == 'a' ? 'b' : 'a') + sibling.substring(1);
                assertThat(verify(file.replaceFirst(sibling, flipped)).get("failure").asText())
                        .contains("the transaction id is not leaf");
            }
        }
    }

    private TransactionInfo receipt(HashFunction hash, List<BlockTransaction> transactions, int index, int version) {
        List<byte[]> ids = transactions.stream().map(t -> Hashes.fromHex(t.getTransactionId())).toList();
        List<byte[]> leaves = transactions.stream().map(t -> ReceiptLeaf.encode(hash, Hashes.fromHex(t.getTransactionId()),
                t.getCodeValue(), t.getResult().toByteArray())).toList();
        BlockHeader.Builder header = BlockHeader.newBuilder().setChannel("main").setNumber(9)
                .setPreviousHash(ByteString.copyFrom(hash.digest(new byte[] {8})))
                .setTransactionsRoot(ByteString.copyFrom(MerkleTree.root(hash, ids)))
                .setStateHash(ByteString.copyFrom(hash.digest(new byte[] {5})))
                .setTimestampMillis(1_764_000_000_000L).setTransactionCount(transactions.size())
                .setResultsHash(ByteString.copyFrom(hash.digest(new byte[] {7})));
        TransactionInfo.Builder info = TransactionInfo.newBuilder().setTransaction(transactions.get(index))
                .setBlockNumber(9).setIndexInBlock(index)
                .setProof(proof(MerkleTree.build(hash, ids).proof(index)));
        if (version == 1) {
            header.setVersion(1).setReceiptsRoot(ByteString.copyFrom(MerkleTree.root(hash, leaves)));
            info.setReceiptProof(proof(MerkleTree.build(hash, leaves).proof(index)));
        }
        BlockHeader built = header.build();
        return info.setBlockHeader(built).setBlockHash(ByteString.copyFrom(hash.digest(built.toByteArray()))).build();
    }

    private static MerkleProof proof(MerklePath path) {
        MerkleProof.Builder proof = MerkleProof.newBuilder().setLeafIndex(path.leafIndex()).setLeafCount(path.leafCount());
        path.siblings().forEach(s -> proof.addSiblings(ByteString.copyFrom(s)));
        return proof.build();
    }

    private JsonNode verify(String receiptFile) throws IOException {
        return JSON.readTree((String) script(
                "return JSON.stringify(ConsortiaReceipt.verifyReceipt(JSON.parse(arguments[0])))", receiptFile));
    }

    private String hash(String function, String text) {
        return (String) script("return ConsortiaReceipt.hex(ConsortiaReceipt.hashFunction(arguments[0])"
                + "(new TextEncoder().encode(arguments[1])))", function, text);
    }

    private Object script(String script, Object... args) {
        return browser.script(script, args);
    }

    private static ByteString bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return ByteString.copyFrom(out);
    }
}
