package io.consortia.node.execution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.Pem;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.node.storage.InMemoryKeyValueStorage;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.RevokedCertificate;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration changes through the executor, as the apply thread runs them: the change commits
 * with its block, the executor is built again from the ledger's configuration for the next block.
 */
class ConfigChangeExecutionTest {
    private final TestNetworkFixture network = TestNetworkFixture.builder().members("Org1", "Org2", "Org3")
            .outsiders("Org4").build();
    private final ExecutorService pool = VerifyPool.create(2);
    private final ChannelLedger ledger = ChannelLedger.open(new InMemoryKeyValueStorage(ChannelLedger.COLUMNS),
            TestConfigChanges.withAddresses(network.config()));
    private final ContractRegistry contracts = ContractRegistry.builtIns();
    private long logIndex;

    @AfterEach
    void close() {
        pool.shutdownNow();
        ledger.close();
    }

    private Membership membership() {
        return new Membership(ledger.config(), CertificateRegistry.committed(ledger));
    }

    /** Executes with an executor built from the configuration in force, and commits (with its change). */
    private Block apply(Transaction... txs) {
        ExecutedBlock executed = new BlockExecutor(ledger, membership(), contracts, ExecutionLimits.defaults(), pool)
                .execute(network.batch(txs), id -> false);
        ledger.commit(executed.block(), executed.writes(), 1, logIndex++, executed.configChange());
        return executed.block();
    }

    private TransactionAdmission admission() {
        return new TransactionAdmission(ledger.config().getName(), membership(), contracts, network.hash(),
                network.scheme(), ExecutionLimits.defaults(), pool);
    }

    private Transaction change(ChannelConfig next, String... signingOrgs) {
        return TestConfigChanges.change(network, "Org3", next, signingOrgs);
    }

    private ChannelConfig addOrg4() {
        return ledger.config().toBuilder().setVersion(ledger.config().getVersion() + 1)
                .addOrganizations(Organization.newBuilder().setName("Org4")
                        .setRootCertificatesPem(Pem.write(network.ca("Org4").root()))).build();
    }

    private Transaction record(String org, String label) {
        return network.client(org).call("notarization", "record", hex(label), "x").build();
    }

    private static String hex(String text) {
        return Hashes.hex(Hashes.sha256().digest(text.getBytes(UTF_8)));
    }

    @Test
    void a_change_takes_effect_from_the_next_block_and_a_second_change_in_its_block_is_a_mismatch() {
        Transaction addOrg4 = change(addOrg4(), "Org1", "Org2");
        Transaction competing = change(addOrg4().toBuilder().setPolicy(io.consortia.protocol.v1.ChangePolicy.ANY).build(),
                "Org1", "Org2");

        Block block1 = apply(addOrg4, record("Org4", "too-early"), competing);

        assertThat(block1.getTransactionsList()).extracting(t -> t.getCode()).containsExactly(
                ValidationCode.VALID, ValidationCode.UNKNOWN_ORGANIZATION, ValidationCode.CONFIG_VERSION_MISMATCH);
        assertThat(block1.getTransactions(0).getResult().toStringUtf8()).isEqualTo("2");
        assertThat(ledger.config().getVersion()).isEqualTo(2);
        assertThat(ledger.configInfo().getBlockNumber()).isEqualTo(1);
        assertThat(ledger.configInfo().getTransactionId()).isEqualTo(block1.getTransactions(0).getTransactionId());

        Block block2 = apply(record("Org4", "now-a-member"));

        assertThat(block2.getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
    }

    @Test
    void too_few_signatures_change_nothing_and_admission_refuses_them_early() {
        Transaction oneOrg = change(addOrg4(), "Org1");

        assertThat(admission().admit(oneOrg, network.now()).code()).isEqualTo(ValidationCode.CONFIG_POLICY_NOT_MET);
        Block block = apply(oneOrg, record("Org4", "still-outside"));

        assertThat(block.getTransactionsList()).extracting(t -> t.getCode()).containsExactly(
                ValidationCode.CONFIG_POLICY_NOT_MET, ValidationCode.UNKNOWN_ORGANIZATION);
        assertThat(ledger.config().getVersion()).isEqualTo(1);
    }

    @Test
    void a_revoked_certificate_is_refused_whether_carried_or_named_by_id_while_others_stay_valid() {
        TestClient alice = network.client("Org1");
        assertThat(apply(record("Org1", "registers-alice")).getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
        ChannelConfig current = ledger.config();
        ChannelConfig revoking = current.toBuilder().setVersion(current.getVersion() + 1)
                .setOrganizations(0, current.getOrganizations(0).toBuilder().addRevoked(RevokedCertificate.newBuilder()
                        .setSerialNumber(ByteString.copyFrom(alice.credential().certificate().getSerialNumber().toByteArray()))
                        .setReason("key lost")))
                .build();
        assertThat(apply(change(revoking, "Org1", "Org2")).getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);

        Transaction carried = record("Org1", "after-revocation");
        Transaction byId = alice.call("notarization", "record", hex("by-id"), "x").byCertificateId().build();
        assertThat(admission().admit(carried, network.now()).code()).isEqualTo(ValidationCode.CERTIFICATE_REVOKED);
        Block block = apply(carried, byId, record("Org2", "bob-still-fine"));

        assertThat(block.getTransactionsList()).extracting(t -> t.getCode()).containsExactly(
                ValidationCode.CERTIFICATE_REVOKED, ValidationCode.CERTIFICATE_REVOKED, ValidationCode.VALID);
        assertThat(block.getTransactions(0).getReason()).contains("revoked by the channel configuration (version 2)");
    }

    @Test
    void removing_an_organization_makes_its_users_unknown() {
        ChannelConfig current = ledger.config();
        ChannelConfig withoutOrg3Peer = current.toBuilder().setVersion(2)
                .setPeers(2, current.getPeers(2).toBuilder().setRole(io.consortia.protocol.v1.PeerRole.LEARNER)).build();
        assertThat(apply(change(withoutOrg3Peer, "Org1", "Org2")).getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
        ChannelConfig noPeer = ledger.config().toBuilder().setVersion(3).removePeers(2).build();
        assertThat(apply(change(noPeer, "Org1", "Org2")).getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
        ChannelConfig noOrg3 = ledger.config().toBuilder().setVersion(4).removeOrganizations(2).build();
        assertThat(apply(change(noOrg3, "Org1", "Org2")).getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);

        Block block = apply(record("Org3", "gone"), record("Org1", "stays"));

        assertThat(block.getTransactionsList()).extracting(t -> t.getCode()).containsExactly(
                ValidationCode.UNKNOWN_ORGANIZATION, ValidationCode.VALID);
        assertThat(ledger.configInfo(3).orElseThrow().getConfig()).isEqualTo(noPeer);
    }

    @Test
    void evaluating_a_change_is_forbidden() {
        BlockExecutor executor = new BlockExecutor(ledger, membership(), contracts, ExecutionLimits.defaults(), pool);
        Transaction tx = change(addOrg4(), "Org1", "Org2");

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> executor.evaluate(tx, network.now()),
                EvaluationException.class).code()).isEqualTo(ValidationCode.FORBIDDEN);
        assertThat(List.of(ledger.config().getVersion())).containsExactly(1L);
    }

    @Test
    void a_refused_change_ordered_again_is_not_recorded_again_even_once_its_version_is_in_force() {
        ChannelConfig v3 = addOrg4().toBuilder().setVersion(3).build();
        Transaction early = change(v3, "Org1", "Org2"); // based on version 2 while version 1 is in force
        Block first = apply(early);
        assertThat(first.getTransactions(0).getCode()).isEqualTo(ValidationCode.CONFIG_VERSION_MISMATCH);
        ChannelConfig v2 = ledger.config().toBuilder().setVersion(2).setPolicy(io.consortia.protocol.v1.ChangePolicy.MAJORITY)
                .build();
        assertThat(apply(change(v2, "Org1", "Org2")).getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);

        Block again = apply(early);

        assertThat(again.getTransactionsList()).as("the replay is left out of the block").isEmpty();
        assertThat(ledger.config().getVersion()).isEqualTo(2);
    }
}
