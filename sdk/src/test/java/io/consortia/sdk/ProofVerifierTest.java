package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
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

        assertThat(ProofVerifier.verifyNotarization(receipt, "DOC1", hash)).isTrue();
        assertThat(ProofVerifier.verifyNotarization(receipt, "doc2", hash)).isFalse();
        Block invalid = blockOf(scheme, List.of(recorded(scheme, payload("record", "doc1"), ValidationCode.FORBIDDEN)));
        assertThat(ProofVerifier.verifyNotarization(TestBlocks.receipt(hash, invalid, 0), "doc1", hash)).isFalse();
        Block otherFunction = blockOf(scheme, List.of(recorded(scheme, payload("revoke", "doc1"), ValidationCode.VALID)));
        assertThat(ProofVerifier.verifyNotarization(TestBlocks.receipt(hash, otherFunction, 0), "doc1", hash)).isFalse();
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
        return TestBlocks.recorded(scheme.hash(), transaction, code, "", new byte[0]);
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
}
