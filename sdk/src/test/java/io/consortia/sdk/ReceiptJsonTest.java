package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Event;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReceiptJsonTest {

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_receipt_survives_the_file_and_still_verifies(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        Block block = block(hash);
        for (TransactionInfo receipt : List.of(TestBlocks.receipt(hash, block, 1),
                TestBlocks.receipt(hash, TestBlocks.versionZero(hash, block), 2))) {
            String json = ReceiptJson.write(receipt, hash);

            ReceiptJson.Receipt read = ReceiptJson.read(json);

            assertThat(read.info()).isEqualTo(receipt);
            assertThat(read.hash()).isSameAs(hash);
            assertThat(ProofVerifier.check(read.info(), read.hash()).ok()).isTrue();
        }
        assertThat(ReceiptJson.write(TestBlocks.receipt(hash, block, 1), hash))
                .contains("\"format\" : \"consortia-receipt\"", "\"hashFunction\" : \"" + hash.name() + "\"",
                        "\"code\" : \"CONTRACT_REJECTED\"", "\"codeNumber\" : 12");
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_file_that_is_not_a_receipt_is_refused_naming_the_field(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        String json = ReceiptJson.write(TestBlocks.receipt(hash, block(hash), 1), hash);

        assertThatThrownBy(() -> ReceiptJson.read("[]")).hasMessage("receipt file: a receipt file is a JSON object");
        assertThatThrownBy(() -> ReceiptJson.read(json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")))
                .hasMessage("receipt file: unsupported formatVersion 2 (this reader knows 1)");
        assertThatThrownBy(() -> ReceiptJson.read(json.replace("\"code\" : \"CONTRACT_REJECTED\"", "\"code\" : \"VALID\"")))
                .hasMessage("receipt file: transaction.code \"VALID\" is not validation code number 12");
        assertThatThrownBy(() -> ReceiptJson.read(json.replace("\"version\" : 1", "\"version\" : 1, \"extra\" : 1")))
                .hasMessage("receipt file: blockHeader.extra is not a header field of version 0 or 1");
        assertThatThrownBy(() -> ReceiptJson.read(json.replace("\"blockHash\" : \"", "\"blockHash\" : \"zz")))
                .hasMessageStartingWith("receipt file: blockHash must be hex");
        // the proof covers the header's channel: another name beside it is an edited receipt
        assertThatThrownBy(() -> ReceiptJson.read(json.replaceFirst("\"channel\" : \"main\"",
                "\"channel\" : \"regulator-approved\"")))
                .hasMessage("receipt file: channel \"regulator-approved\" is not the block header's channel \"main\"");
    }

    /** A transaction that carries its creator's certificate is checked against that one, not a copy beside it. */
    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_creator_certificate_beside_the_one_the_transaction_carries_is_refused(SignatureScheme scheme) {
        HashFunction hash = scheme.hash();
        TransactionPayload payload = TransactionPayload.newBuilder().setChannel("main").setContract("asset")
                .setFunction("create").setCreator(io.consortia.protocol.v1.Creator.newBuilder().setOrganization("org1")
                        .setCertificate(ByteString.copyFrom(new byte[] {1, 2, 3}))).build();
        Transaction tx = Transaction.newBuilder().setPayload(payload.toByteString())
                .setSignature(ByteString.copyFrom(new byte[] {1, 2})).build();
        Block block = TestBlocks.block(hash, "main", 3, new byte[32],
                List.of(TestBlocks.recorded(hash, tx, ValidationCode.CONTRACT_REJECTED, "exists", new byte[0])));
        TransactionInfo genuine = TestBlocks.receipt(hash, block, 0);
        TransactionInfo edited = ReceiptJson.read(ReceiptJson.write(genuine.toBuilder()
                .setCreatorCertificate(ByteString.copyFrom(new byte[] {3, 0, 8, 2})).build(), hash)).info();

        assertThat(ProofVerifier.check(genuine, hash).ok()).isTrue();
        assertThat(ProofVerifier.check(edited, hash).failureReason()).get().asString()
                .contains("creator certificate is not the one the transaction names");
    }

    private static Block block(HashFunction hash) {
        List<BlockTransaction> transactions = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TransactionPayload payload = TransactionPayload.newBuilder().setChannel("main").setContract("asset")
                    .setFunction("create").addArgs(ByteString.copyFromUtf8("a" + i)).setTimestampMillis(i).build();
            Transaction tx = Transaction.newBuilder().setPayload(payload.toByteString())
                    .setSignature(ByteString.copyFrom(new byte[] {1, 2})).build();
            BlockTransaction recorded = TestBlocks.recorded(hash, tx,
                    i == 1 ? ValidationCode.CONTRACT_REJECTED : ValidationCode.VALID, i == 1 ? "exists" : "",
                    ("r" + i).getBytes());
            transactions.add(recorded.toBuilder().addEvents(Event.newBuilder().setName("e")
                    .setPayload(ByteString.copyFromUtf8("p"))).build());
        }
        return TestBlocks.block(hash, "main", 3, new byte[32], transactions);
    }
}
