package io.consortia.node.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.ReceiptLeaf;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.ledger.TransactionProofs;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.ValidationCode;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class BlockExecutorTest {
    private static final TestNetworkFixture NETWORK = TestNetworkFixture.create();

    private final ChannelHarness node = new ChannelHarness(NETWORK, ContractRegistry.builtIns().register(new TestContracts.Boom())
            .register(new TestContracts.Blob()));

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void vouching_by_id_alone_cannot_be_reached_from_outside_the_package() throws NoSuchMethodException {
        // It can make ledgers diverge (see its Javadoc); only this package's tests may use it.
        java.lang.reflect.Method byId = BlockExecutor.class.getDeclaredMethod("execute", TransactionBatch.class,
                java.util.function.Predicate.class);
        int modifiers = byId.getModifiers();
        assertThat(java.lang.reflect.Modifier.isPublic(modifiers) || java.lang.reflect.Modifier.isProtected(modifiers)
                || java.lang.reflect.Modifier.isPrivate(modifiers)).as("package-private").isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_valid_notarization_is_committed_with_its_result_event_and_state(SignatureScheme scheme) {
        try (ChannelHarness node = new ChannelHarness(TestNetworkFixture.create(scheme))) {
            Transaction tx = BadTransactions.notarize(node.network).build();

            Block block = node.apply(tx);

            BlockTransaction recorded = block.getTransactions(0);
            assertThat(recorded.getCode()).isEqualTo(ValidationCode.VALID);
            assertThat(recorded.getTransactionId()).isEqualTo(Hashes.hex(scheme.hash().digest(tx.getPayload().toByteArray())));
            assertThat(recorded.getResult().toStringUtf8()).contains("\"submitterOrganization\":\"Org1\"");
            assertThat(recorded.getEvents(0).getName()).isEqualTo("notarized");
            assertThat(block.getHeader().getNumber()).isEqualTo(1);
            assertThat(block.getHeader().getTimestampMillis()).isEqualTo(node.network.now());
            assertThat(block.getHeader().getTransactionCount()).isEqualTo(1);
            assertThat(block.getHash().toByteArray()).isEqualTo(scheme.hash().digest(block.getHeader().toByteArray()));
            assertThat(node.ledger.height()).isEqualTo(2);
            assertThat(node.ledger.state(("notarization\0doc/" + BadTransactions.HASH).getBytes(UTF_8))).isPresent();
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("io.consortia.node.execution.BadTransactions#all")
    void bad_input_gets_its_own_code_in_the_block_and_writes_nothing(String description, ValidationCode code,
            Function<TestNetworkFixture, Transaction> bad) {
        ExecutedBlock executed = node.executor.execute(NETWORK.batch(bad.apply(NETWORK)), id -> false);

        assertThat(executed.block().getTransactions(0).getCode()).as(description).isEqualTo(code);
        assertThat(executed.block().getTransactions(0).getReason()).isNotBlank();
        assertThat(executed.writes()).isEmpty();
    }

    @Test
    void a_transaction_repeated_in_one_batch_runs_once_and_is_recorded_once() {
        Transaction tx = BadTransactions.notarize(NETWORK).build();

        Block block = node.apply(tx, tx);

        assertThat(block.getTransactionsList()).extracting(BlockTransaction::getCode)
                .containsExactly(ValidationCode.VALID);
        assertThat(block.getHeader().getTransactionCount()).isEqualTo(1);
    }

    @Test
    void a_batch_ordered_again_after_it_was_committed_records_none_of_its_transactions_twice() {
        // a follower's hand-off failed after the leader had committed the batch; the follower ordered it again
        Transaction first = notarize("first");
        Transaction second = notarize("second");
        Transaction fresh = notarize("fresh");
        Block original = node.apply(first, second);

        ExecutedBlock again = node.executor.execute(NETWORK.batch(second, fresh, first), id -> false);

        assertThat(again.block().getTransactionsList()).extracting(BlockTransaction::getTransactionId)
                .containsExactly(idOf(fresh));
        assertThat(original.getTransactionsList()).extracting(BlockTransaction::getTransactionId)
                .containsExactly(idOf(first), idOf(second));
        assertThat(again.block().getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(again.block().getHeader().getTransactionCount()).isEqualTo(1);

        ExecutedBlock onlyRepeats = node.executor.execute(NETWORK.batch(first, second), id -> false);
        assertThat(onlyRepeats.block().getTransactionsList()).isEmpty();
        assertThat(onlyRepeats.writes()).isEmpty();
    }

    @Test
    void block_time_never_goes_back_when_a_batch_is_stamped_earlier_than_the_previous_block() {
        Block first = node.apply(NETWORK.batch(NETWORK.now(), List.of(notarize("a"))), id -> false);

        // a batch handed over again after a leader failed, stamped 51 ms before the block committed meanwhile
        Block late = node.apply(NETWORK.batch(NETWORK.now() - 51, List.of(notarize("b"))), id -> false);
        Block later = node.apply(NETWORK.batch(NETWORK.now() + 7, List.of(notarize("c"))), id -> false);

        assertThat(late.getHeader().getTimestampMillis()).isEqualTo(first.getHeader().getTimestampMillis());
        assertThat(later.getHeader().getTimestampMillis()).isEqualTo(NETWORK.now() + 7);
        assertThat(late.getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
    }

    @Test
    void a_block_keeps_at_most_4_mib_of_results_and_refuses_the_rest_deterministically() {
        // 1 MiB of events each, from a few bytes of input: every node ran out of memory on a block of many such calls
        List<Transaction> all = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(NETWORK.client("Org1").call("blob", "emit", "1", String.valueOf(1 << 20)).build());
        }
        Transaction writes = NETWORK.client("Org1").call("blob", "write", "w", "2", String.valueOf(1 << 20)).build();
        all.add(writes);

        Block block = node.apply(NETWORK.batch(NETWORK.now(), all), id -> false);

        assertThat(block.getTransactionsList()).extracting(BlockTransaction::getCode).containsExactly(
                ValidationCode.VALID, ValidationCode.VALID, ValidationCode.VALID, ValidationCode.OUTPUT_TOO_LARGE);
        BlockTransaction refused = block.getTransactions(3);
        assertThat(refused.getReason()).startsWith("the block's results reached 3145") // 3 MiB and framing
                .endsWith("before this transaction's 2097168; a block holds at most 4194304: submit it again");
        assertThat(node.ledger.state("blob\0w/0".getBytes(UTF_8))).isEmpty();
        assertThat(node.ledger.containsTransaction(idOf(writes))).as("the id is not claimed").isFalse();

        // the same signed transaction, sent again, comes first in its block and fits
        assertThat(node.applyOne(writes).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(node.ledger.state("blob\0w/1".getBytes(UTF_8))).isPresent();
    }

    @Test
    void one_transaction_leaves_at_most_4_mib_of_results_even_alone() {
        BlockTransaction alone = node.applyOne(NETWORK.client("Org1").call("blob", "emit", "5",
                String.valueOf(1 << 20)).build());

        assertThat(alone.getCode()).isEqualTo(ValidationCode.OUTPUT_TOO_LARGE);
        assertThat(alone.getReason()).startsWith("the transaction's results (return value, events, state writes) are 524")
                .endsWith("; a transaction may leave at most 4194304");
        assertThat(alone.getEventsList()).isEmpty();
    }

    private static Transaction notarize(String document) {
        return NETWORK.client("Org1").call("notarization", "record",
                Hashes.hex(Hashes.sha256().digest(document.getBytes(UTF_8)))).build();
    }

    private static String idOf(Transaction tx) {
        return Hashes.hex(NETWORK.hash().digest(tx.getPayload().toByteArray()));
    }

    @Test
    void a_forged_copy_ordered_first_does_not_take_the_genuine_transactions_id() {
        TestClient.Call call = BadTransactions.notarize(NETWORK);
        Transaction forged = call.signedBy(NETWORK.client("Org2"));
        Transaction genuine = call.build();

        Block block = node.apply(forged, genuine);

        assertThat(block.getTransactionsList()).extracting(BlockTransaction::getCode)
                .containsExactly(ValidationCode.BAD_SIGNATURE, ValidationCode.VALID);
        assertThat(node.ledger.transaction(block.getTransactions(1).getTransactionId()).orElseThrow().getIndexInBlock())
                .isEqualTo(1);
    }

    @Test
    void signatures_vouched_for_by_this_nodes_admission_are_not_verified_again() {
        Transaction badlySigned = BadTransactions.notarize(NETWORK).signedBy(NETWORK.client("Org2"));

        Block block = node.apply(NETWORK.batch(badlySigned), id -> true);

        assertThat(block.getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
    }

    @Test
    void vouching_by_id_and_signature_still_verifies_a_forged_copy_of_an_admitted_payload() {
        TestClient.Call call = BadTransactions.notarize(NETWORK);
        Transaction genuine = call.build();
        Transaction forged = call.signedBy(NETWORK.client("Org2"));
        AdmissionResult admitted = node.admission.admit(genuine, NETWORK.now());
        java.util.Map<String, com.google.protobuf.ByteString> verifiedHere =
                java.util.Map.of(admitted.transactionId(), genuine.getSignature());

        ExecutedBlock executed = node.executor.execute(NETWORK.batch(forged, genuine),
                (id, signature) -> signature.equals(verifiedHere.get(id)));

        assertThat(executed.block().getTransactionsList()).extracting(BlockTransaction::getCode)
                .containsExactly(ValidationCode.BAD_SIGNATURE, ValidationCode.VALID);
    }

    @Test
    void checks_screened_ahead_give_the_same_block_and_are_ignored_for_another_batch() {
        TestClient.Call call = BadTransactions.notarize(NETWORK);
        Transaction genuine = call.build();
        Transaction forged = call.signedBy(NETWORK.client("Org2"));
        var batch = NETWORK.batch(forged, genuine);
        ChannelHarness twin = new ChannelHarness(NETWORK, ContractRegistry.builtIns());
        try {
            ExecutedBlock checkedAtApply = twin.executor.execute(batch, (id, signature) -> false);

            BlockExecutor.Screening ahead = node.executor.screen(batch, (id, signature) -> false);
            ExecutedBlock screenedAhead = node.executor.execute(batch, (id, signature) -> false, ahead);

            assertThat(screenedAhead.block()).isEqualTo(checkedAtApply.block());
            assertThat(screenedAhead.block().getTransactionsList()).extracting(BlockTransaction::getCode)
                    .containsExactly(ValidationCode.BAD_SIGNATURE, ValidationCode.VALID);

            // a screening of another batch is not used: the batch is checked when applied
            BlockExecutor.Screening other = node.executor.screen(NETWORK.batch(genuine), (id, signature) -> true);
            ExecutedBlock next = node.executor.execute(NETWORK.batch(forged), (id, signature) -> false, other);
            assertThat(next.block().getTransactions(0).getCode()).isEqualTo(ValidationCode.BAD_SIGNATURE);
        } finally {
            twin.close();
        }
    }

    private static String hash(String text) {
        return Hashes.hex(Hashes.sha256().digest(text.getBytes(UTF_8)));
    }

    @Test
    void a_certificate_carried_by_a_committed_transaction_can_be_named_by_id_in_later_blocks() {
        TestClient org1 = NETWORK.client("Org1");

        Block first = node.apply(
                org1.call("notarization", "record", hash("cert-1"), "a").build(),
                org1.call("notarization", "record", hash("cert-2"), "b").byCertificateId().build());
        BlockTransaction later = node.applyOne(org1.call("notarization", "record", hash("cert-3"), "c")
                .byCertificateId().build());

        // within the registering block the id is not known yet: only committed blocks count
        assertThat(first.getTransactionsList()).extracting(BlockTransaction::getCode)
                .containsExactly(ValidationCode.VALID, ValidationCode.UNKNOWN_CERTIFICATE);
        assertThat(later.getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(later.getTransaction().getSerializedSize())
                .isLessThan(first.getTransactions(0).getTransaction().getSerializedSize() / 2);
        ByteString id = CertificateRegistry.id(NETWORK.hash(), org1.creator().getCertificate());
        assertThat(node.ledger.state(CertificateRegistry.key(id))).hasValueSatisfying(
                der -> assertThat(der).isEqualTo(org1.creator().getCertificate().toByteArray()));
        // readers get the certificate with a transaction that names it by id, and nothing extra otherwise
        CertificateRegistry.Lookup registry = CertificateRegistry.committed(node.ledger);
        assertThat(CertificateRegistry.withCreatorCertificate(node.ledger.transaction(later.getTransactionId())
                .orElseThrow(), registry).getCreatorCertificate()).isEqualTo(org1.creator().getCertificate());
        assertThat(CertificateRegistry.withCreatorCertificate(node.ledger.transaction(
                first.getTransactions(0).getTransactionId()).orElseThrow(), registry).getCreatorCertificate()).isEmpty();
    }

    @Test
    void a_transaction_that_fails_authentication_registers_nothing() {
        TestClient org1 = NETWORK.client("Org1");
        Transaction forged = org1.call("notarization", "record", hash("forged"), "x").signedBy(NETWORK.client("Org2"));

        assertThat(node.applyOne(forged).getCode()).isEqualTo(ValidationCode.BAD_SIGNATURE);
        assertThat(node.applyOne(org1.call("notarization", "record", hash("by-id"), "y").byCertificateId().build())
                .getCode()).isEqualTo(ValidationCode.UNKNOWN_CERTIFICATE);
    }

    @Test
    void an_id_screened_before_its_registration_was_committed_is_decided_when_applied() {
        TestClient org1 = NETWORK.client("Org1");
        var registering = NETWORK.batch(org1.call("notarization", "record", hash("reg"), "r").build());
        var byId = NETWORK.batch(org1.call("notarization", "record", hash("id"), "i").byCertificateId().build());

        BlockExecutor.Screening ahead = node.executor.screen(byId, (id, signature) -> false);
        node.apply(registering, id -> false);
        ExecutedBlock executed = node.executor.execute(byId, (id, signature) -> false, ahead);

        assertThat(executed.block().getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
    }

    @Test
    void transactions_see_the_writes_of_earlier_ones_in_the_same_block() {
        TestClient org1 = NETWORK.client("Org1");

        Block block = node.apply(
                org1.call("asset", "create", "car-1", "red", "100").build(),
                org1.call("asset", "transfer", "car-1", "Org2").build(),
                NETWORK.client("Org2").call("asset", "transfer", "car-1", "Org1").build());

        assertThat(block.getTransactionsList()).extracting(BlockTransaction::getCode).containsOnly(ValidationCode.VALID);
        assertThat(block.getTransactions(2).getResult().toStringUtf8()).contains("\"owner\":\"Org1\"", "\"version\":3");
    }

    @Test
    void an_asset_transfer_by_someone_outside_the_owner_organisation_is_rejected() {
        node.apply(NETWORK.client("Org1").call("asset", "create", "car-1", "red", "100").build());

        BlockTransaction theft = node.applyOne(NETWORK.client("Org2").call("asset", "transfer", "car-1", "Org2").build());

        assertThat(theft.getCode()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
        assertThat(theft.getReason()).isEqualTo("only Org1 may transfer asset car-1");
        assertThat(theft.getEventsList()).isEmpty();
    }

    @Test
    void contracts_see_the_channel_s_member_organisations_so_assets_and_tokens_cannot_go_to_nobody() {
        TestClient org1 = NETWORK.client("Org1");
        node.apply(org1.call("asset", "create", "car-1", "red", "100").build(),
                org1.call("token", "create", "PTS", "points", "10").build());

        Block block = node.apply(
                org1.call("asset", "transfer", "car-1", "nosuchorg").build(),
                org1.call("token", "transfer", "PTS", "nosuchorg/nobody", "1").build(),
                org1.call("token", "transfer", "PTS", "Org2/bob", "1").build(),
                org1.call("asset", "transfer", "car-1", "Org2").build());

        assertThat(block.getTransactionsList()).extracting(BlockTransaction::getCode).containsExactly(
                ValidationCode.CONTRACT_REJECTED, ValidationCode.CONTRACT_REJECTED, ValidationCode.VALID,
                ValidationCode.VALID);
        assertThat(block.getTransactions(0).getReason()).contains("'nosuchorg' is not an organisation of channel");
        assertThat(block.getTransactions(1).getReason()).contains("'nosuchorg' is not an organisation of channel");
    }

    @Test
    void a_contract_that_throws_is_rejected_without_its_writes_and_the_block_goes_on() {
        Block block = node.apply(
                NETWORK.client("Org1").call("boom", "explode").build(),
                BadTransactions.notarize(NETWORK).build());

        assertThat(block.getTransactions(0).getCode()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
        assertThat(block.getTransactions(0).getReason()).isEqualTo("contract failed: java.lang.IllegalStateException");
        assertThat(block.getTransactions(1).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(node.ledger.state("boom\0written-before-failing".getBytes(UTF_8))).isEmpty();
    }

    @Test
    void a_contract_cannot_read_another_contracts_state() {
        node.apply(BadTransactions.notarize(NETWORK).build());

        BlockTransaction peek = node.applyOne(NETWORK.client("Org1").call("boom", "peek", "doc/" + BadTransactions.HASH).build());

        assertThat(peek.getResult().toStringUtf8()).isEqualTo("absent");
    }

    @Test
    void every_transaction_of_a_block_has_a_proof_of_inclusion_that_verifies() {
        Transaction[] txs = new Transaction[5];
        for (int i = 0; i < txs.length; i++) {
            txs[i] = NETWORK.client("Org1").call("notarization", "record", String.format("%064x", i + 1)).build();
        }
        Block block = node.apply(txs);

        for (BlockTransaction tx : block.getTransactionsList()) {
            TransactionInfo info = node.ledger.transaction(tx.getTransactionId()).orElseThrow();
            assertThat(TransactionProofs.toPath(info.getProof()).verify(NETWORK.hash(),
                    Hashes.fromHex(tx.getTransactionId()), block.getHeader().getTransactionsRoot().toByteArray())).isTrue();
        }
    }

    @Test
    void a_block_is_version_1_and_each_receipt_proves_the_code_and_result_under_its_receipts_root() {
        Block block = node.apply(
                NETWORK.client("Org1").call("boom", "explode").build(),
                BadTransactions.notarize(NETWORK).build(),
                NETWORK.client("Org1").call("notarization", "record", String.format("%064x", 7)).build());

        assertThat(block.getHeader().getVersion()).isEqualTo(ReceiptLeaf.HEADER_VERSION);
        for (BlockTransaction tx : block.getTransactionsList()) {
            TransactionInfo info = node.ledger.transaction(tx.getTransactionId()).orElseThrow();
            byte[] leaf = ReceiptLeaf.encode(NETWORK.hash(), Hashes.fromHex(tx.getTransactionId()), tx.getCodeValue(),
                    tx.getResult().toByteArray());
            byte[] forged = ReceiptLeaf.encode(NETWORK.hash(), Hashes.fromHex(tx.getTransactionId()),
                    tx.getCode() == ValidationCode.VALID ? ValidationCode.CONTRACT_REJECTED_VALUE : ValidationCode.VALID_VALUE,
                    tx.getResult().toByteArray());
            byte[] root = block.getHeader().getReceiptsRoot().toByteArray();
            assertThat(info.getReceiptProof().getLeafIndex()).isEqualTo(info.getIndexInBlock());
            assertThat(TransactionProofs.toPath(info.getReceiptProof()).verify(NETWORK.hash(), leaf, root)).isTrue();
            assertThat(TransactionProofs.toPath(info.getReceiptProof()).verify(NETWORK.hash(), forged, root)).isFalse();
        }
        assertThat(block.getTransactions(0).getCode()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
    }

    @Test
    void an_empty_batch_still_makes_a_block_that_links_to_the_previous_one() {
        byte[] head = node.ledger.currentHash();

        Block block = node.apply();

        assertThat(block.getHeader().getPreviousHash().toByteArray()).isEqualTo(head);
        assertThat(block.getTransactionsCount()).isZero();
        assertThat(node.ledger.height()).isEqualTo(2);
    }

    @Test
    void the_timestamp_window_and_certificate_validity_follow_the_batch_not_the_clock() {
        long later = NETWORK.now() + 30L * 24 * 3600 * 1000;
        Transaction fresh = BadTransactions.notarize(NETWORK).timestamp(later).build();

        Block block = node.apply(NETWORK.batch(later, List.of(fresh)), id -> false);

        assertThat(block.getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(node.admission.admit(fresh, NETWORK.now()).code()).isEqualTo(ValidationCode.TIMESTAMP_OUT_OF_WINDOW);
    }
}
