package io.consortia.node.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.Pem;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.execution.ExecutionLimits;
import io.consortia.node.execution.TestConfigChanges;
import io.consortia.node.execution.TestNetworkFixture;
import io.consortia.node.execution.VerifyPool;
import io.consortia.node.metrics.NodeMetrics;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook the Raft layer builds on: config() follows committed changes, listeners hear of each, a reopen keeps it. */
class ChannelRuntimeConfigTest {
    @TempDir
    Path dir;

    private final TestNetworkFixture network = TestNetworkFixture.builder().members("Org1", "Org2", "Org3")
            .outsiders("Org4").build();
    private final ChannelConfig genesis = TestConfigChanges.withAddresses(network.config());
    private final ExecutorService pool = VerifyPool.create(2);
    private final ContractRegistry contracts = ContractRegistry.builtIns();

    @AfterEach
    void close() {
        pool.shutdownNow();
    }

    private ChannelRuntime open() {
        return new ChannelRuntime(genesis, dir, pool, ExecutionLimits.defaults(), contracts, new NodeMetrics());
    }

    @Test
    void a_committed_change_is_in_force_for_the_next_block_is_announced_and_survives_a_reopen() {
        List<String> heard = new CopyOnWriteArrayList<>();
        ChannelConfig next = genesis.toBuilder().setVersion(2).addOrganizations(Organization.newBuilder()
                .setName("Org4").setRootCertificatesPem(Pem.write(network.ca("Org4").root()))).build();
        try (ChannelRuntime runtime = open()) {
            runtime.onConfigCommitted((config, block) -> heard.add(config.getVersion() + "@" + block));
            assertThat(runtime.config().getVersion()).isEqualTo(1);

            Block block1 = runtime.apply(network.batch(TestConfigChanges.change(network, "Org1", next, "Org1", "Org2"),
                    network.client("Org4").call("notarization", "record", "a".repeat(64), "x").build()), 1, 0);
            Block block2 = runtime.apply(network.batch(
                    network.client("Org4").call("notarization", "record", "b".repeat(64), "x").build()), 1, 1);

            assertThat(block1.getTransactionsList()).extracting(t -> t.getCode())
                    .containsExactly(ValidationCode.VALID, ValidationCode.UNKNOWN_ORGANIZATION);
            assertThat(block2.getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
            assertThat(heard).containsExactly("2@1");
            assertThat(runtime.config()).isEqualTo(next);
        }
        try (ChannelRuntime reopened = open()) {
            assertThat(reopened.config()).isEqualTo(next);
            assertThat(reopened.genesisConfig()).isEqualTo(genesis.toBuilder().setVersion(1).build());
            Block block3 = reopened.apply(network.batch(
                    network.client("Org4").call("notarization", "record", "c".repeat(64), "x").build()), 1, 2);
            assertThat(block3.getTransactions(0).getCode()).isEqualTo(ValidationCode.VALID);
        }
    }

    @Test
    void channel_limits_of_a_committed_change_apply_from_the_next_block() {
        ChannelConfig tight = genesis.toBuilder().setVersion(2).setLimits(io.consortia.protocol.v1.ChannelLimits
                .newBuilder().setMaxTransactionBytes(300)).build();
        try (ChannelRuntime runtime = open()) {
            var record = network.client("Org2").call("notarization", "record", "d".repeat(64), "x").build();
            Block block1 = runtime.apply(network.batch(TestConfigChanges.change(network, "Org1", tight, "Org1", "Org2"),
                    record), 1, 0);
            Block block2 = runtime.apply(network.batch(
                    network.client("Org2").call("notarization", "record", "e".repeat(64), "x").build()), 1, 1);

            assertThat(record.getSerializedSize()).isGreaterThan(300);
            assertThat(block1.getTransactionsList()).extracting(t -> t.getCode())
                    .containsExactly(ValidationCode.VALID, ValidationCode.VALID);
            assertThat(block2.getTransactions(0).getCode()).isEqualTo(ValidationCode.PAYLOAD_TOO_LARGE);
            assertThat(block2.getTransactions(0).getReason()).contains("the limit is 300");
        }
    }
}
