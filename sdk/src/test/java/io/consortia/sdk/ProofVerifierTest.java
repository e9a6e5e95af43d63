package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProofVerifierTest {

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_correct_proof_is_accepted_for_every_position_in_an_odd_sized_block(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        Block block = block(scheme, 5);

        for (int i = 0; i < 5; i++) {
            assertThat(ProofVerifier.verify(TestBlocks.receipt(hash, block, i), hash)).as("index %d", i).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_tampered_header_is_rejected(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        TransactionInfo receipt = TestBlocks.receipt(hash, block(scheme, 5), 2);
        TransactionInfo tampered = receipt.toBuilder()
                .setBlockHeader(receipt.getBlockHeader().toBuilder().setTimestampMillis(1)).build();

        assertThat(ProofVerifier.verify(tampered, hash)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_tampered_proof_is_rejected(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        TransactionInfo receipt = TestBlocks.receipt(hash, block(scheme, 5), 2);
        MerkleProof proof = receipt.getProof();
        byte[] sibling = proof.getSiblings(0).toByteArray();
        sibling[0] ^= 1;
        TransactionInfo wrongSibling = receipt.toBuilder()
                .setProof(proof.toBuilder().setSiblings(0, ByteString.copyFrom(sibling))).build();
        TransactionInfo wrongIndex = receipt.toBuilder()
                .setProof(proof.toBuilder().setLeafIndex(3)).setIndexInBlock(3).build();
        TransactionInfo outOfRange = receipt.toBuilder()
                .setProof(proof.toBuilder().setLeafIndex(99)).setIndexInBlock(99).build();

        assertThat(ProofVerifier.verify(wrongSibling, hash)).isFalse();
        assertThat(ProofVerifier.verify(wrongIndex, hash)).isFalse();
        assertThat(ProofVerifier.verify(outOfRange, hash)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_tampered_payload_is_rejected(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        TransactionInfo receipt = TestBlocks.receipt(hash, block(scheme, 5), 2);
        BlockTransaction recorded = receipt.getTransaction();
        Transaction altered = recorded.getTransaction().toBuilder()
                .setPayload(payload("record", "ff00").toByteString()).build();

        TransactionInfo tampered = receipt.toBuilder()
                .setTransaction(recorded.toBuilder().setTransaction(altered)).build();

        assertThat(ProofVerifier.verify(tampered, hash)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_notarization_is_accepted_only_for_its_document_hash_and_a_valid_record_call(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        Block block = block(scheme, 3);
        TransactionInfo receipt = TestBlocks.receipt(hash, block, 1); // record("doc1")

        assertThat(ProofVerifier.checkNotarization(receipt, "DOC1", hash).failure()).isNull();
        assertThat(ProofVerifier.verifyNotarization(receipt, "DOC1", hash)).isTrue();
        assertThat(ProofVerifier.checkNotarization(receipt, "doc2", hash).failure())
                .isEqualTo("the transaction notarized document doc1, not doc2");
        Block invalid = blockOf(scheme, List.of(recorded(scheme, payload("record", "doc1"), ValidationCode.FORBIDDEN)));
        assertThat(ProofVerifier.checkNotarization(TestBlocks.receipt(hash, invalid, 0), "doc1", hash).failure())
                .isEqualTo("the transaction was committed FORBIDDEN, not VALID: nothing was notarized");
        Block otherFunction = blockOf(scheme, List.of(recorded(scheme, payload("revoke", "doc1"), ValidationCode.VALID)));
        assertThat(ProofVerifier.checkNotarization(TestBlocks.receipt(hash, otherFunction, 0), "doc1", hash).failure())
                .isEqualTo("the transaction calls notarization.revoke, not notarization.record");
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_result_that_does_not_record_the_call_is_refused_even_when_the_block_committed_it(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        TransactionPayload call = payload("record", "doc1");
        Transaction transaction = Transaction.newBuilder().setPayload(call.toByteString()).build();
        String id = Hashes.hex(hash.digest(call.toByteArray()));
        byte[] otherTime = ("{\"documentHash\":\"doc1\",\"metadata\":\"\",\"submitterOrganization\":\"\","
                + "\"submitterName\":\"\",\"transactionId\":\"" + id + "\",\"timestampMillis\":5,\"blockNumber\":7}")
                .getBytes(StandardCharsets.UTF_8);
        Block block = blockOf(scheme, List.of(TestBlocks.recorded(hash, transaction, ValidationCode.VALID, "", otherTime)));

        assertThat(ProofVerifier.checkNotarization(TestBlocks.receipt(hash, block, 0), "doc1", hash).failure())
                .isEqualTo("the result's timestampMillis 5 is not the call's 1700000000000");
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_forged_verdict_is_refused_with_the_reason(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        Block block = blockOf(scheme, List.of(recorded(scheme, payload("record", "doc0"), ValidationCode.VALID),
                recorded(scheme, payload("record", "doc1"), ValidationCode.CONTRACT_REJECTED)));
        TransactionInfo rejected = TestBlocks.receipt(hash, block, 1);
        TransactionInfo forged = rejected.toBuilder()
                .setTransaction(rejected.getTransaction().toBuilder().setCode(ValidationCode.VALID)).build();

        assertThat(ProofVerifier.check(rejected, hash).verdictProven()).isTrue();
        ReceiptVerification check = ProofVerifier.check(forged, hash);
        assertThat(check.ok()).isFalse();
        assertThat(check.failure()).startsWith("validation code VALID with result")
                .contains("is not what the block recorded for this transaction");
        assertThat(ProofVerifier.verify(forged, hash)).isFalse();
        assertThat(ProofVerifier.verifyNotarization(forged, "doc1", hash)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_block_of_version_0_proves_inclusion_but_never_the_verdict(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        Block old = TestBlocks.versionZero(hash, block(scheme, 3));
        TransactionInfo receipt = TestBlocks.receipt(hash, old, 1);

        ReceiptVerification check = ProofVerifier.check(receipt, hash);
        assertThat(check.ok()).isTrue();
        assertThat(check.verdictProven()).isFalse();
        assertThat(check.steps()).anySatisfy(step -> assertThat(step).contains("are NOT proven"));
        assertThat(ProofVerifier.checkNotarization(receipt, "doc1", hash).failure())
                .startsWith("the block predates receipts roots (header version 0)");
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_receipt_of_another_block_than_the_trusted_one_is_refused(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        TransactionInfo receipt = TestBlocks.receipt(hash, block(scheme, 3), 1);

        assertThat(ProofVerifier.check(receipt, hash, receipt.getBlockHash().toByteArray()).ok()).isTrue();
        assertThat(ProofVerifier.check(receipt, hash, new byte[32]).failure())
                .startsWith("the block hash ").endsWith(" is not the trusted block hash " + "00".repeat(32));
    }

    private static Block block(SignatureScheme scheme, int size) {
        List<BlockTransaction> transactions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            transactions.add(recorded(scheme, payload("record", "doc" + i), ValidationCode.VALID));
        }
        return blockOf(scheme, transactions);
    }

    private static Block blockOf(SignatureScheme scheme, List<BlockTransaction> transactions) {
        return TestBlocks.block(scheme.hash(), "main", 7, new byte[32], transactions);
    }

    private static BlockTransaction recorded(SignatureScheme scheme, TransactionPayload payload, ValidationCode code) {
        Transaction transaction = Transaction.newBuilder()
                .setPayload(payload.toByteString())
                .setSignature(ByteString.copyFromUtf8("not checked by the verifier"))
                .build();
        String id = Hashes.hex(scheme.hash().digest(payload.toByteArray()));
        // what the notarization contract returns for a valid record call in block 7 (see blockOf)
        byte[] result = code != ValidationCode.VALID ? new byte[0]
                : ("{\"documentHash\":\"" + payload.getArgs(0).toStringUtf8() + "\",\"metadata\":\"\","
                        + "\"submitterOrganization\":\"\",\"submitterName\":\"\",\"transactionId\":\"" + id
                        + "\",\"timestampMillis\":" + payload.getTimestampMillis() + ",\"blockNumber\":7}")
                        .getBytes(StandardCharsets.UTF_8);
        return TestBlocks.recorded(scheme.hash(), transaction, code, "", result);
    }

    private static TransactionPayload payload(String function, String documentHash) {
        return TransactionPayload.newBuilder()
                .setChannel("main")
                .setContract("notarization")
                .setFunction(function)
                .addArgs(ByteString.copyFromUtf8(documentHash))
                .setTimestampMillis(1_700_000_000_000L)
                .build();
    }

    /**
     * A tester's metadata "发票 42, \"quoted\"\nnewline" broke the transcript's line, so that a submitter could
     * write "  ok    block hash equals the trusted block hash" into it: values are quoted as JSON writes them.
     */
    @org.junit.jupiter.api.Test
    void a_submitter_s_text_is_printed_escaped_so_it_draws_no_lines_of_the_transcript() {
        assertThat(ProofVerifier.quoted("发票 42, \"quoted\"\n  ok    forged\u001b[31m\\\u202e"))
                .isEqualTo("\"发票 42, \\\"quoted\\\"\\n  ok    forged\\u001b[31m\\\\\\u202e\"");
        assertThat(ProofVerifier.quoted("")).isEqualTo("\"\"");
    }
}
