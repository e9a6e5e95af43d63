package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.FunctionRule;
import io.consortia.protocol.v1.LifecycleRecords;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle system contract and WebAssembly dispatch through the executor, in process (real
 * ledger code over in-memory storage, the real engine): every step's code and what it leaves in state.
 */
class WasmLifecycleExecutionTest {
    private final TestNetworkFixture network = TestNetworkFixture.builder().members("Org1", "Org2", "Org3").build();
    private final ChannelHarness channel = new ChannelHarness(network);
    private final TestClient admin1 = network.client("Org1", "admin1", CertificateRole.ADMIN);
    private final TestClient admin2 = network.client("Org2", "admin2", CertificateRole.ADMIN);
    private final TestClient admin3 = network.client("Org3", "admin3", CertificateRole.ADMIN);
    private final TestClient user1 = network.client("Org1", "user1", CertificateRole.USER);

    @AfterEach
    void close() {
        channel.close();
    }

    @Test
    void propose_approve_commit_invoke_upgrade_freeze_unfreeze() {
        String v1 = install(module("counter_v1"));
        String digest1 = propose(definition(1, v1, ContractStatus.ACTIVE));

        // before any commit: refused as not committed, nothing written
        assertThat(call(user1, "counter", "inc").getCode()).isEqualTo(ValidationCode.CONTRACT_NOT_COMMITTED);
        assertThat(approve(admin1, 1, digest1).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(commit(1, digest1).getCode()).isEqualTo(ValidationCode.LIFECYCLE_POLICY_NOT_MET);
        assertThat(approve(admin1, 1, digest1).getCode()).isEqualTo(ValidationCode.LIFECYCLE_ALREADY_APPROVED);
        assertThat(approve(user1, 1, digest1).getCode()).isEqualTo(ValidationCode.LIFECYCLE_NOT_ADMIN);
        assertThat(approve(admin2, 1, digest1).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(commit(1, digest1).getCode()).isEqualTo(ValidationCode.VALID);

        BlockTransaction inc = call(user1, "counter", "inc");
        assertThat(inc.getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(counter(inc)).isEqualTo(1);
        assertThat(inc.getEventsList()).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo("Incremented"));
        assertThat(counter(call(user1, "counter", "inc"))).isEqualTo(2);
        assertThat(call(user1, "counter", "nosuch").getCode()).isEqualTo(ValidationCode.UNKNOWN_FUNCTION);

        // a trap after a write leaves the state as it was
        assertThat(call(user1, "counter", "crash").getCode()).isEqualTo(ValidationCode.CONTRACT_TRAPPED);
        assertThat(counter(evaluate(user1, "counter", "get"))).isEqualTo(2);

        // upgrade to v2 keeps the state; v1 serves until the upgrade commits
        String v2 = install(module("counter_v2"));
        String digest2 = propose(definition(2, v2, ContractStatus.ACTIVE));
        approve(admin2, 2, digest2);
        assertThat(counter(call(user1, "counter", "inc"))).isEqualTo(3);
        approve(admin3, 2, digest2);
        assertThat(commit(2, digest2).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(counter(call(user1, "counter", "inc"))).isEqualTo(13);

        // freeze: calls refused, state kept; unfreeze: calls run again
        String frozen = propose(definition(3, v2, ContractStatus.FROZEN));
        approve(admin1, 3, frozen);
        approve(admin3, 3, frozen);
        assertThat(commit(3, frozen).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(call(user1, "counter", "inc").getCode()).isEqualTo(ValidationCode.CONTRACT_FROZEN);
        String active = propose(definition(4, v2, ContractStatus.ACTIVE));
        approve(admin1, 4, active);
        approve(admin2, 4, active);
        assertThat(commit(4, active).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(counter(call(user1, "counter", "inc"))).isEqualTo(23);

        LifecycleRecords history = parse(evaluate(admin1, "_lifecycle", "history", "counter"));
        assertThat(history.getRecordsList()).extracting(r -> r.getDefinition().getSequence()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(history.getRecords(0).getApprovalsList()).extracting(a -> a.getOrganization())
                .containsExactly("Org1", "Org2");
    }

    /**
     * A call that failed after its creator was authenticated keeps its id: copied from its block and
     * re-sent once the state lets it succeed, it would otherwise run as its creator; an ordering
     * retry would run it again in every re-ordered copy.
     */
    @Test
    void a_failed_call_is_never_run_again() {
        String v1 = install(module("counter_v1"));
        String digest = propose(definition(1, v1, ContractStatus.ACTIVE));
        approve(admin1, 1, digest);
        approve(admin2, 1, digest);
        assertThat(commit(1, digest).getCode()).isEqualTo(ValidationCode.VALID);
        Transaction crash = user1.call("counter", "crash").build();
        BlockTransaction first = channel.applyOne(crash);
        assertThat(first.getCode()).isEqualTo(ValidationCode.CONTRACT_TRAPPED);

        assertThat(channel.ledger.containsTransaction(first.getTransactionId())).as("claims its id").isTrue();
        assertThat(channel.apply(crash).getTransactionsList()).as("ordered again").isEmpty();
        assertThat(channel.ledger.transaction(first.getTransactionId())).get()
                .satisfies(t -> assertThat(t.getTransaction().getCode()).isEqualTo(ValidationCode.CONTRACT_TRAPPED));
    }

    @Test
    void refused_steps_change_nothing() throws Exception {
        String v1 = install(module("counter_v1"));
        assertThat(call(admin1, "_lifecycle", "install", "x").getCode()).isEqualTo(ValidationCode.VALID);
        BlockTransaction byUser = channel.applyOne(user1.call("_lifecycle", "propose")
                .addArg(definition(1, v1, ContractStatus.ACTIVE).toByteString()).build());
        assertThat(byUser.getCode()).isEqualTo(ValidationCode.LIFECYCLE_NOT_ADMIN);
        assertThat(call(user1, "counter", "inc").getCode()).isEqualTo(ValidationCode.UNKNOWN_CONTRACT);

        BlockTransaction wrongSequence = channel.applyOne(admin1.call("_lifecycle", "propose")
                .addArg(definition(2, v1, ContractStatus.ACTIVE).toByteString()).build());
        assertThat(wrongSequence.getCode()).isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        BlockTransaction builtIn = channel.applyOne(admin1.call("_lifecycle", "propose")
                .addArg(definition(1, v1, ContractStatus.ACTIVE).toBuilder().setName("token").build().toByteString())
                .build());
        assertThat(builtIn.getCode()).isEqualTo(ValidationCode.LIFECYCLE_INVALID);

        String floatCode = install(module("float"));
        String digest = propose(definition(1, floatCode, ContractStatus.ACTIVE));
        approve(admin1, 1, digest);
        approve(admin2, 1, digest);
        BlockTransaction invalid = commit(1, digest);
        assertThat(invalid.getCode()).isEqualTo(ValidationCode.INVALID_MODULE);
        assertThat(invalid.getReason()).containsIgnoringCase("float");
        assertThat(call(user1, "counter", "inc").getCode()).isEqualTo(ValidationCode.CONTRACT_NOT_COMMITTED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluate(admin1, "_lifecycle", "definition", "counter"))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("no committed definition");
        ProposalStatus proposal = ProposalStatus.parseFrom(evaluate(admin1, "_lifecycle", "proposal", "counter", "1",
                digest));
        assertThat(proposal.getCommitted()).isFalse();
        assertThat(proposal.getApprovalsCount()).isEqualTo(2);
        assertThat(proposal.getRequired()).isEqualTo(2);
    }

    /**
     * (module (memory (export "memory") 1) (func (export "f")) (data (i32.const 70000) "16 zero bytes")): valid
     * WebAssembly that no instantiation can load. Its commit was VALID and every call then CONTRACT_TRAPPED.
     */
    private static final String OUT_OF_BOUNDS_DATA = "0061736d01000000" + "010401600000" + "03020100"
            + "0503010001" + "070e02066d656d6f7279020001660000" + "0a040102000b"
            + "0b180100" + "41f0a2040b" + "10" + "00".repeat(16);

    @Test
    void a_module_whose_data_segment_lies_outside_its_memory_is_refused_at_commit() {
        String code = install(Hashes.fromHex(OUT_OF_BOUNDS_DATA));
        String digest = propose(definition(1, code, ContractStatus.ACTIVE));
        approve(admin1, 1, digest);
        approve(admin2, 1, digest);

        BlockTransaction refused = commit(1, digest);

        assertThat(refused.getCode()).isEqualTo(ValidationCode.INVALID_MODULE);
        assertThat(refused.getReason()).contains(
                "data segment 0 at offset 70000 + 16 bytes is outside memory of 1 page (65536 bytes)");
        assertThat(call(user1, "counter", "f").getCode()).isEqualTo(ValidationCode.CONTRACT_NOT_COMMITTED);
    }

    @Test
    void caller_rules_and_out_of_fuel() {
        String loop = install(module("loop"));
        ContractDefinition definition = definition(1, loop, ContractStatus.ACTIVE).toBuilder()
                .setName("spin")
                .addFunctions(FunctionRule.newBuilder().setFunction("run").addOrganizations("Org2").build())
                .build();
        String digest = propose(definition);
        approve(admin1, "spin", 1, digest);
        approve(admin2, "spin", 1, digest);
        assertThat(channel.applyOne(admin1.call("_lifecycle", "commit", "spin", "1", digest).build()).getCode())
                .isEqualTo(ValidationCode.VALID);
        assertThat(call(user1, "spin", "run").getCode()).isEqualTo(ValidationCode.FORBIDDEN);
        Block block = channel.apply(network.client("Org2").call("spin", "run").build(),
                user1.call("counter", "get").build());
        assertThat(block.getTransactions(0).getCode()).isEqualTo(ValidationCode.OUT_OF_FUEL);
        assertThat(block.getTransactions(1).getCode()).isEqualTo(ValidationCode.UNKNOWN_CONTRACT);
    }

    @Test
    void role_rules_and_revocation() {
        String code = install(module("counter_v1"));
        ContractDefinition definition = definition(1, code, ContractStatus.ACTIVE).toBuilder()
                .addFunctions(FunctionRule.newBuilder().setFunction("inc").addRoles("admin").build())
                .setPolicy(ChangePolicy.ALL)
                .build();
        String digest = propose(definition);
        approve(admin1, 1, digest);
        approve(admin2, 1, digest);
        assertThat(commit(1, digest).getCode()).as("the first definition is committed under its own policy, ALL")
                .isEqualTo(ValidationCode.LIFECYCLE_POLICY_NOT_MET);
        approve(admin3, 1, digest);
        assertThat(commit(1, digest).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(commit(1, digest).getCode()).as("committed once").isEqualTo(ValidationCode.LIFECYCLE_INVALID);

        assertThat(call(user1, "counter", "inc").getCode()).isEqualTo(ValidationCode.FORBIDDEN);
        assertThat(counter(call(admin2, "counter", "inc"))).isEqualTo(1);
        assertThat(counter(call(user1, "counter", "get"))).as("get has no rule: any member").isEqualTo(1);

        String revoke = propose(definition.toBuilder().setSequence(2).setStatus(ContractStatus.REVOKED).build());
        approve(admin1, 2, revoke);
        approve(admin2, 2, revoke);
        assertThat(commit(2, revoke).getCode()).as("ALL of the definition in force").isEqualTo(
                ValidationCode.LIFECYCLE_POLICY_NOT_MET);
        approve(admin3, 2, revoke);
        assertThat(commit(2, revoke).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(call(admin1, "counter", "get").getCode()).isEqualTo(ValidationCode.CONTRACT_REVOKED);
        BlockTransaction after = channel.applyOne(admin1.call("_lifecycle", "propose")
                .addArg(definition.toBuilder().setSequence(3).build().toByteString()).build());
        assertThat(after.getCode()).isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        assertThat(after.getReason()).contains("revoked");
    }

    @Test
    void a_webassembly_contract_calls_a_built_in_as_the_creator_and_its_writes_stand_or_fall_with_the_call() {
        String code = install(module("notary_builtin"));
        String digest = propose(definition(1, code, ContractStatus.ACTIVE).toBuilder().setName("notary").build());
        approve(admin1, "notary", 1, digest);
        approve(admin3, "notary", 1, digest);
        assertThat(channel.applyOne(admin1.call("_lifecycle", "commit", "notary", "1", digest).build()).getCode())
                .isEqualTo(ValidationCode.VALID);
        String kept = "a".repeat(64);
        String dropped = "b".repeat(64);

        BlockTransaction recorded = call(user1, "notary", "record", kept);
        assertThat(recorded.getCode()).as(recorded.getReason()).isEqualTo(ValidationCode.VALID);
        assertThat(new String(evaluate(user1, "notarization", "get", kept), StandardCharsets.UTF_8))
                .contains("Org1");
        BlockTransaction trapped = call(user1, "notary", "record_then_trap", dropped);
        assertThat(trapped.getCode()).isEqualTo(ValidationCode.CONTRACT_TRAPPED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluate(user1, "notarization", "get", dropped))
                .isInstanceOf(EvaluationException.class);
        BlockTransaction again = call(user1, "notary", "record", kept);
        assertThat(again.getCode()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
        assertThat(again.getReason()).startsWith("notarization.record: ");
    }

    /**
     * A contract refusing with consortia.not_found: recorded CONTRACT_REJECTED in a block, as a built-in's missing
     * record is, and answered as a missing record (NOT_FOUND) when evaluated, not as a refused request; a built-in's
     * missing record read through call_builtin is missing for the calling contract too.
     */
    @Test
    void a_webassembly_contract_says_not_found_as_a_built_in_does() {
        String code = install(module("lookup"));
        String digest = propose(definition(1, code, ContractStatus.ACTIVE).toBuilder().setName("lookup").build());
        approve(admin1, "lookup", 1, digest);
        approve(admin2, "lookup", 1, digest);
        assertThat(channel.applyOne(admin1.call("_lifecycle", "commit", "lookup", "1", digest).build()).getCode())
                .isEqualTo(ValidationCode.VALID);
        assertThat(call(user1, "lookup", "put", "r1", "hello").getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(new String(evaluate(user1, "lookup", "get", "r1"), StandardCharsets.UTF_8)).isEqualTo("hello");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluate(user1, "lookup", "get", "nope"))
                .isInstanceOfSatisfying(EvaluationException.class, e -> {
                    assertThat(e.missing()).as("answered as a missing record").isTrue();
                    assertThat(e.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
                    assertThat(e.reason()).isEqualTo("no record under this id");
                });
        BlockTransaction inBlock = call(user1, "lookup", "get", "nope");
        assertThat(inBlock.getCode()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
        assertThat(inBlock.getReason()).isEqualTo("no record under this id");

        String hash = "c".repeat(64);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluate(user1, "notarization", "get", hash))
                .isInstanceOfSatisfying(EvaluationException.class, e -> assertThat(e.missing()).isTrue());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluate(user1, "lookup", "notarized", hash))
                .isInstanceOfSatisfying(EvaluationException.class, e -> {
                    assertThat(e.missing()).as("a built-in's missing record, read by a contract").isTrue();
                    assertThat(e.reason()).startsWith("notarization.get: ");
                });
    }

    // ---- helpers

    private String install(byte[] code) {
        BlockTransaction tx = channel.applyOne(admin1.call("_lifecycle", "install").addArg(ByteString.copyFrom(code)).build());
        assertThat(tx.getCode()).as(tx.getReason()).isEqualTo(ValidationCode.VALID);
        assertThat(tx.getResult().toStringUtf8()).isEqualTo(Hashes.hex(network.hash().digest(code)));
        return tx.getResult().toStringUtf8();
    }

    private String propose(ContractDefinition definition) {
        BlockTransaction tx = channel.applyOne(admin1.call("_lifecycle", "propose").addArg(definition.toByteString()).build());
        assertThat(tx.getCode()).as(tx.getReason()).isEqualTo(ValidationCode.VALID);
        return tx.getResult().toStringUtf8();
    }

    private BlockTransaction approve(TestClient admin, long sequence, String digest) {
        return approve(admin, "counter", sequence, digest);
    }

    private BlockTransaction approve(TestClient admin, String name, long sequence, String digest) {
        return channel.applyOne(admin.call("_lifecycle", "approve", name, Long.toString(sequence), digest).build());
    }

    private BlockTransaction commit(long sequence, String digest) {
        return channel.applyOne(admin1.call("_lifecycle", "commit", "counter", Long.toString(sequence), digest).build());
    }

    private BlockTransaction call(TestClient client, String contract, String function, String... args) {
        return channel.applyOne(client.call(contract, function, args).build());
    }

    private byte[] evaluate(TestClient client, String contract, String function, String... args) {
        Transaction tx = client.call(contract, function, args).build();
        return channel.executor.evaluate(tx, network.now());
    }

    private ContractDefinition definition(long sequence, String codeHash, ContractStatus status) {
        return ContractDefinition.newBuilder()
                .setName("counter")
                .setVersion("v" + sequence)
                .setSequence(sequence)
                .setCodeHash(ByteString.copyFrom(Hashes.fromHex(codeHash)))
                .setPolicy(ChangePolicy.MAJORITY)
                .setStatus(status)
                .build();
    }

    private static long counter(BlockTransaction tx) {
        assertThat(tx.getCode()).as(tx.getReason()).isEqualTo(ValidationCode.VALID);
        return counter(tx.getResult().toByteArray());
    }

    private static long counter(byte[] result) {
        return ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static LifecycleRecords parse(byte[] bytes) {
        try {
            return LifecycleRecords.parseFrom(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] module(String name) {
        try (InputStream in = WasmLifecycleExecutionTest.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("test module " + name + " is missing", e);
        }
    }
}
