package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.ReceiptVerification;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.NodeTuning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real receipts from a real network — a VALID notarization and a CONTRACT_REJECTED one (the same
 * document again) — pass the SDK's verifier; every field altered in turn is refused with its reason,
 * including the forged verdict (CONTRACT_REJECTED changed to VALID).
 */
class ReceiptTamperingIT {

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void every_altered_field_of_a_real_receipt_is_refused_with_its_reason(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        // a long batch delay so the three calls usually share a block and proofs have siblings
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).scheme(scheme).channel("main")
                .tuning(new NodeTuning(10_000, 2_000, 500)).start()) {
            Channel channel = network.gateway(network.nodes().get(0), "org1").channel("main");
            String doc = Hashes.hex(hash.digest("contract.pdf".getBytes()));
            String other = Hashes.hex(hash.digest("annex.pdf".getBytes()));
            List<SubmitResponse> responses = channel.submitAll(List.of(
                    channel.newTransaction("notarization", "record", doc, "loan contract"),
                    channel.newTransaction("notarization", "record", doc, "the same document again"),
                    channel.newTransaction("notarization", "record", other)), true);
            SubmitResponse valid = responses.stream().filter(r -> r.getCode() == ValidationCode.VALID
                    && !r.getTransactionId().isEmpty()).findFirst().orElseThrow();
            SubmitResponse rejected = responses.stream()
                    .filter(r -> r.getCode() == ValidationCode.CONTRACT_REJECTED).findFirst().orElseThrow();
            TransactionInfo validReceipt = channel.transaction(valid.getTransactionId());
            TransactionInfo rejectedReceipt = channel.transaction(rejected.getTransactionId());
            byte[] trustedValid = channel.blockByNumber(validReceipt.getBlockNumber()).getHash().toByteArray();
            byte[] trustedRejected = channel.blockByNumber(rejectedReceipt.getBlockNumber()).getHash().toByteArray();

            ReceiptVerification ok = ProofVerifier.checkNotarization(validReceipt, doc, hash, trustedValid);
            assertThat(ok.failure()).isNull();
            assertThat(ok.verdictProven()).isTrue();
            ReceiptVerification rejectedOk = ProofVerifier.check(rejectedReceipt, hash, trustedRejected);
            assertThat(rejectedOk.failure()).isNull();
            assertThat(rejectedOk.verdictProven()).isTrue();
            assertThat(ProofVerifier.checkNotarization(rejectedReceipt, doc, hash).failure())
                    .isEqualTo("the transaction was committed CONTRACT_REJECTED, not VALID: nothing was notarized");

            // the forged verdict of the issue: only the code changed
            TransactionInfo forged = withCode(rejectedReceipt, ValidationCode.VALID);
            ReceiptVerification refused = ProofVerifier.check(forged, hash, trustedRejected);
            assertThat(refused.failure()).startsWith("validation code VALID with result")
                    .contains("is not what the block recorded for this transaction");
            assertThat(ProofVerifier.verify(forged, hash)).isFalse();
            assertThat(ProofVerifier.verifyNotarization(forged, doc, hash)).isFalse();
            // ... and with the result of the valid one put in as well
            TransactionInfo forgedWithResult = forged.toBuilder().setTransaction(forged.getTransaction().toBuilder()
                    .setResult(validReceipt.getTransaction().getResult())).build();
            assertThat(ProofVerifier.checkNotarization(forgedWithResult, doc, hash, trustedRejected).failure())
                    .contains("is not what the block recorded for this transaction");

            for (TransactionInfo receipt : List.of(validReceipt, rejectedReceipt)) {
                byte[] trusted = receipt == validReceipt ? trustedValid : trustedRejected;
                alterations(receipt, hash).forEach((field, alteration) -> {
                    TransactionInfo altered = alteration.getValue().apply(receipt);
                    assertThat(altered).as(field).isNotEqualTo(receipt);
                    ReceiptVerification check = ProofVerifier.check(altered, hash, trusted);
                    assertThat(check.ok()).as("%s altered in the %s receipt", field, receipt.getTransaction().getCode())
                            .isFalse();
                    assertThat(check.failure()).as(field).containsAnyOf(alteration.getKey().split("\\|"));
                });
            }
        }
    }

    /** Field → (fragment of the expected reason, alteration). */
    private static Map<String, Map.Entry<String, UnaryOperator<TransactionInfo>>> alterations(TransactionInfo receipt,
            HashFunction hash) {
        Map<String, Map.Entry<String, UnaryOperator<TransactionInfo>>> out = new LinkedHashMap<>();
        String altered = "is not what the block recorded for this transaction";
        ValidationCode other = receipt.getTransaction().getCode() == ValidationCode.VALID
                ? ValidationCode.CONTRACT_REJECTED : ValidationCode.VALID;
        out.put("validation code", Map.entry(altered, r -> withCode(r, other)));
        out.put("result", Map.entry(altered, r -> r.toBuilder().setTransaction(r.getTransaction().toBuilder()
                .setResult(ByteString.copyFromUtf8(r.getTransaction().getResult().toStringUtf8() + " "))).build()));
        String payloadAltered = "the payload does not hash to the transaction id";
        out.put("argument", Map.entry(payloadAltered, r -> withPayload(r, p -> p.setArgs(0,
                ByteString.copyFromUtf8("0".repeat(64))), false, hash)));
        out.put("creator", Map.entry(payloadAltered, r -> withPayload(r,
                p -> p.setCreator(p.getCreator().toBuilder().setOrganization("org2")), false, hash)));
        out.put("creator's time", Map.entry(payloadAltered, r -> withPayload(r,
                p -> p.setTimestampMillis(p.getTimestampMillis() + 1), false, hash)));
        out.put("argument and transaction id", Map.entry("the transaction id is not leaf", r -> withPayload(r,
                p -> p.setArgs(0, ByteString.copyFromUtf8("0".repeat(64))), true, hash)));
        if (receipt.getTransaction().getCode() == ValidationCode.VALID) {
            out.put("signature", Map.entry("the signature does not verify", r -> r.toBuilder().setTransaction(
                    r.getTransaction().toBuilder().setTransaction(r.getTransaction().getTransaction().toBuilder()
                            .setSignature(flip(r.getTransaction().getTransaction().getSignature())))).build()));
        }
        out.put("block number", Map.entry("the receipt names block", r -> r.toBuilder()
                .setBlockNumber(r.getBlockNumber() + 1).build()));
        out.put("position", Map.entry("proof is for position", r -> r.toBuilder()
                .setIndexInBlock(r.getIndexInBlock() + 1).build()));
        out.put("position in both proofs", Map.entry("the transaction id is not leaf|is outside a block", r -> {
            int moved = r.getIndexInBlock() == 0 ? 1 : 0;
            return r.toBuilder().setIndexInBlock(moved)
                    .setProof(r.getProof().toBuilder().setLeafIndex(moved))
                    .setReceiptProof(r.getReceiptProof().toBuilder().setLeafIndex(moved)).build();
        }));
        out.put("transactions sibling", Map.entry("the transaction id is not leaf",
                r -> r.toBuilder().setProof(alterSibling(r.getProof())).build()));
        out.put("receipts sibling", Map.entry(altered,
                r -> r.toBuilder().setReceiptProof(alterSibling(r.getReceiptProof())).build()));
        out.put("receipt proof", Map.entry("carries no receipt proof", r -> r.toBuilder().clearReceiptProof().build()));
        out.put("block hash", Map.entry("the block header does not hash to the block hash", r -> r.toBuilder()
                .setBlockHash(flip(r.getBlockHash())).build()));
        String header = "the block header does not hash to the block hash";
        out.put("header channel", Map.entry(header, r -> withHeader(r, h -> h.setChannel("other"))));
        out.put("header number", Map.entry(header, r -> withHeader(r, h -> h.setNumber(h.getNumber() + 1))));
        out.put("header previous hash", Map.entry(header, r -> withHeader(r, h -> h.setPreviousHash(flip(h.getPreviousHash())))));
        out.put("header transactions root", Map.entry(header, r -> withHeader(r, h -> h.setTransactionsRoot(flip(h.getTransactionsRoot())))));
        out.put("header state hash", Map.entry(header, r -> withHeader(r, h -> h.setStateHash(flip(h.getStateHash())))));
        out.put("header time", Map.entry(header, r -> withHeader(r, h -> h.setTimestampMillis(h.getTimestampMillis() + 1))));
        out.put("header transaction count", Map.entry(header, r -> withHeader(r, h -> h.setTransactionCount(h.getTransactionCount() + 1))));
        out.put("header results hash", Map.entry(header, r -> withHeader(r, h -> h.setResultsHash(flip(h.getResultsHash())))));
        out.put("header version", Map.entry(header, r -> withHeader(r, h -> h.setVersion(0))));
        out.put("header receipts root", Map.entry(header, r -> withHeader(r, h -> h.setReceiptsRoot(flip(h.getReceiptsRoot())))));
        out.put("trusted header (everything recomputed)", Map.entry("is not the trusted block hash", r -> {
            BlockHeader h = r.getBlockHeader().toBuilder().setTimestampMillis(r.getBlockHeader().getTimestampMillis() + 1).build();
            return r.toBuilder().setBlockHeader(h).setBlockHash(ByteString.copyFrom(hash.digest(h.toByteArray()))).build();
        }));
        return out;
    }

    private static TransactionInfo withCode(TransactionInfo receipt, ValidationCode code) {
        return receipt.toBuilder().setTransaction(receipt.getTransaction().toBuilder().setCode(code)).build();
    }

    private static TransactionInfo withHeader(TransactionInfo receipt, UnaryOperator<BlockHeader.Builder> change) {
        return receipt.toBuilder().setBlockHeader(change.apply(receipt.getBlockHeader().toBuilder())).build();
    }

    private static TransactionInfo withPayload(TransactionInfo receipt, UnaryOperator<TransactionPayload.Builder> change,
            boolean recomputeId, HashFunction hash) {
        BlockTransaction recorded = receipt.getTransaction();
        try {
            TransactionPayload payload = change.apply(TransactionPayload.parseFrom(recorded.getTransaction().getPayload())
                    .toBuilder()).build();
            Transaction transaction = recorded.getTransaction().toBuilder().setPayload(payload.toByteString()).build();
            BlockTransaction.Builder changed = recorded.toBuilder().setTransaction(transaction);
            if (recomputeId) {
                changed.setTransactionId(Hashes.hex(hash.digest(payload.toByteArray())));
            }
            return receipt.toBuilder().setTransaction(changed).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flips a bit of the first sibling, or adds one when the block has a single transaction. */
    private static MerkleProof alterSibling(MerkleProof proof) {
        if (proof.getSiblingsCount() == 0) {
            return proof.toBuilder().addSiblings(ByteString.copyFrom(new byte[32])).build();
        }
        return proof.toBuilder().setSiblings(0, flip(proof.getSiblings(0))).build();
    }

    private static ByteString flip(ByteString bytes) {
        byte[] copy = bytes.toByteArray();
        copy[0] ^= 1;
        return ByteString.copyFrom(copy);
    }
}
