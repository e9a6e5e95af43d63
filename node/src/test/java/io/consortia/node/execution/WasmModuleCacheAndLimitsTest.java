package io.consortia.node.execution;

import static io.consortia.node.execution.WasmLifecycleExecutionTest.module;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.contracts.wasm.WasmContracts;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.wasm.WasmConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node's module cache (a module is prepared once per committed definition; a call only takes an
 * instance) and the limits of a call: the node's (node.yaml {@code wasm}) and a definition's lower ones.
 * Real ledger code over in-memory storage, the real engine, each test with its own engine and counters.
 */
class WasmModuleCacheAndLimitsTest {
    private final TestNetworkFixture network = TestNetworkFixture.builder().members("Org1", "Org2", "Org3").build();
    private final TestClient admin1 = network.client("Org1", "admin1", CertificateRole.ADMIN);
    private final TestClient admin2 = network.client("Org2", "admin2", CertificateRole.ADMIN);
    private final TestClient user1 = network.client("Org1", "user1", CertificateRole.USER);
    private WasmContracts wasm;
    private ChannelHarness channel;

    private void start(WasmConfig config) {
        wasm = new WasmContracts(config);
        channel = new ChannelHarness(network, ContractRegistry.builtIns(), wasm);
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.close();
        }
        if (wasm != null) {
            wasm.close();
        }
    }

    @Test
    void a_module_is_prepared_once_per_code_and_read_once_per_definition_and_an_upgrade_prepares_the_new_one() {
        start(WasmConfig.defaults());
        String v1 = install(module("counter_v1"));
        deploy(definition("counter", 1, v1));
        assertThat(wasm.preparations()).as("validated and prepared at commit").isEqualTo(1);
        assertThat(wasm.modulesLoaded()).isZero();

        for (int i = 1; i <= 3; i++) {
            assertThat(counter(call("counter", "inc"))).isEqualTo(i);
        }
        assertThat(counter(evaluate("counter", "get"))).isEqualTo(3);
        assertThat(wasm.preparations()).as("calls compile nothing").isEqualTo(1);
        assertThat(wasm.modulesLoaded()).as("the module is read from the state once for the definition").isEqualTo(1);

        String v2 = install(module("counter_v2"));
        deploy(definition("counter", 2, v2));
        assertThat(wasm.preparations()).as("the upgrade's module is prepared at its commit").isEqualTo(2);
        assertThat(counter(call("counter", "inc"))).as("v2 adds 10, state kept").isEqualTo(13);
        assertThat(counter(call("counter", "inc"))).isEqualTo(23);
        assertThat(wasm.modulesLoaded()).as("the upgrade replaced the kept module once").isEqualTo(2);
        assertThat(wasm.preparations()).isEqualTo(2);

        deploy(definition("counter", 3, v2).toBuilder().setStatus(ContractStatus.FROZEN).build());
        assertThat(call("counter", "inc").getCode()).isEqualTo(ValidationCode.CONTRACT_FROZEN);
        deploy(definition("counter", 4, v2));
        assertThat(counter(call("counter", "inc"))).isEqualTo(33);
        assertThat(wasm.modulesLoaded()).as("unfrozen: a new definition, read again").isEqualTo(3);
        assertThat(wasm.preparations()).as("same code: the engine's preparation is reused").isEqualTo(2);
    }

    @Test
    void a_call_beyond_the_nodes_configured_fuel_is_out_of_fuel_and_changes_nothing() {
        start(WasmConfig.defaults().withFuelPerCall(100));
        String code = install(module("counter_v1"));
        deploy(definition("counter", 1, code));
        BlockTransaction inc = call("counter", "inc");
        assertThat(inc.getCode()).isEqualTo(ValidationCode.OUT_OF_FUEL);
        assertThat(inc.getReason()).contains("limit 100");
        assertThat(state("counter", "n")).as("nothing written").isEmpty();
        assertThat(inc.getEventsList()).isEmpty();
    }

    @Test
    void a_call_beyond_the_nodes_configured_memory_is_out_of_memory_and_changes_nothing() {
        start(WasmConfig.defaults().withMemoryPagesPerCall(2));
        String code = install(module("grow"));
        deploy(definition("grow", 1, code));
        BlockTransaction run = call("grow", "run");
        assertThat(run.getCode()).isEqualTo(ValidationCode.OUT_OF_MEMORY);
        assertThat(run.getReason()).contains("2 pages");
        assertThat(state("grow", "g")).isEmpty();
    }

    @Test
    void a_definitions_lower_limits_apply_to_its_calls_and_a_later_definition_without_them_runs() {
        start(WasmConfig.defaults());
        String counter = install(module("counter_v1"));
        deploy(definition("counter", 1, counter).toBuilder().setFuelLimit(100).build());
        assertThat(call("counter", "inc").getCode()).isEqualTo(ValidationCode.OUT_OF_FUEL);
        assertThat(state("counter", "n")).isEmpty();
        deploy(definition("counter", 2, counter));
        assertThat(counter(call("counter", "inc"))).as("the refused call left nothing behind").isEqualTo(1);

        String grow = install(module("grow"));
        deploy(definition("grow", 1, grow).toBuilder().setMemoryPagesLimit(3).build());
        assertThat(call("grow", "run").getCode()).isEqualTo(ValidationCode.OUT_OF_MEMORY);
        assertThat(state("grow", "g")).isEmpty();
        deploy(definition("grow", 2, grow).toBuilder().setMemoryPagesLimit(4).build());
        assertThat(call("grow", "run").getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(state("grow", "g")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("1"));
    }

    @Test
    void a_definition_cannot_raise_the_nodes_limits_and_refuses_impossible_ones() {
        start(WasmConfig.defaults().withMemoryPagesPerCall(2));
        String grow = install(module("grow"));
        deploy(definition("grow", 1, grow).toBuilder().setMemoryPagesLimit(64).build());
        assertThat(call("grow", "run").getCode()).as("the node's 2 pages still apply").isEqualTo(ValidationCode.OUT_OF_MEMORY);
        BlockTransaction tooLarge = channel.applyOne(admin1.call("_lifecycle", "propose")
                .addArg(definition("grow", 2, grow).toBuilder().setMemoryPagesLimit(65537).build().toByteString()).build());
        assertThat(tooLarge.getCode()).isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        assertThat(tooLarge.getReason()).contains("memory_pages_limit");
    }

    // ---- helpers

    private String install(byte[] code) {
        BlockTransaction tx = channel.applyOne(admin1.call("_lifecycle", "install").addArg(ByteString.copyFrom(code)).build());
        assertThat(tx.getCode()).as(tx.getReason()).isEqualTo(ValidationCode.VALID);
        return tx.getResult().toStringUtf8();
    }

    /** Propose, two approvals of three (MAJORITY), commit. */
    private void deploy(ContractDefinition definition) {
        BlockTransaction proposed = channel.applyOne(admin1.call("_lifecycle", "propose")
                .addArg(definition.toByteString()).build());
        assertThat(proposed.getCode()).as(proposed.getReason()).isEqualTo(ValidationCode.VALID);
        String digest = proposed.getResult().toStringUtf8();
        String sequence = Long.toString(definition.getSequence());
        for (TestClient admin : new TestClient[] {admin1, admin2}) {
            BlockTransaction approved = channel.applyOne(admin.call("_lifecycle", "approve", definition.getName(),
                    sequence, digest).build());
            assertThat(approved.getCode()).as(approved.getReason()).isEqualTo(ValidationCode.VALID);
        }
        BlockTransaction committed = channel.applyOne(admin1.call("_lifecycle", "commit", definition.getName(),
                sequence, digest).build());
        assertThat(committed.getCode()).as(committed.getReason()).isEqualTo(ValidationCode.VALID);
    }

    private BlockTransaction call(String contract, String function) {
        return channel.applyOne(user1.call(contract, function).build());
    }

    private byte[] evaluate(String contract, String function) {
        return channel.executor.evaluate(user1.call(contract, function).build(), network.now());
    }

    /** A contract's committed state under {@code key} (its namespace: name, NUL, key). */
    private Optional<byte[]> state(String contract, String key) {
        return channel.ledger.state((contract + "\0" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static ContractDefinition definition(String name, long sequence, String codeHash) {
        return ContractDefinition.newBuilder()
                .setName(name)
                .setVersion("v" + sequence)
                .setSequence(sequence)
                .setCodeHash(ByteString.copyFrom(Hashes.fromHex(codeHash)))
                .setPolicy(ChangePolicy.MAJORITY)
                .setStatus(ContractStatus.ACTIVE)
                .build();
    }

    private static long counter(BlockTransaction tx) {
        assertThat(tx.getCode()).as(tx.getReason()).isEqualTo(ValidationCode.VALID);
        return counter(tx.getResult().toByteArray());
    }

    private static long counter(byte[] result) {
        return ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
