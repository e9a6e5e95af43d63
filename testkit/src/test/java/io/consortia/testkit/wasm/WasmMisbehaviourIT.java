package io.consortia.testkit.wasm;

import static io.consortia.testkit.wasm.WasmNetwork.counter;
import static io.consortia.testkit.wasm.WasmNetwork.module;
import static io.consortia.testkit.wasm.WasmNetwork.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Contract;
import io.consortia.sdk.Lifecycle;
import io.consortia.sdk.SubmitResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contracts that misbehave, on a real three-organisation network: each ends in its own code, changes no
 * state, and the network goes on committing. Floating point and malformed modules never get committed.
 */
class WasmMisbehaviourIT {
    private static WasmNetwork net;

    @BeforeAll
    static void start() {
        net = new WasmNetwork();
        net.deploy("counter", module("counter_v1"), "org1", "org2");
        net.deploy("loop", module("loop"), "org1", "org2");
        net.deploy("alloc", module("alloc"), "org2", "org3");
        net.deploy("trap", module("trap"), "org3", "org1");
        net.deploy("misuse", module("misuse"), "org1", "org3");
        net.deploy("events", module("events"), "org2", "org3");
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void each_misbehaviour_ends_in_its_own_code_with_no_state_change_and_the_network_keeps_committing() {
        Contract counter = net.user(0).contract("counter");
        long before = counter(counter.submit("inc").result());

        List<CommitException> refused = new ArrayList<>();
        refused.add(committedInvalid(net.user(0).contract("loop"), "run", ValidationCode.OUT_OF_FUEL));
        refused.add(committedInvalid(net.user(1).contract("alloc"), "run", ValidationCode.OUT_OF_MEMORY));
        refused.add(committedInvalid(net.user(2).contract("trap"), "run", ValidationCode.CONTRACT_TRAPPED));
        refused.add(committedInvalid(net.user(1).contract("misuse"), "run", ValidationCode.HOST_MISUSE));
        // writes 999 and then traps: the write never reaches the state
        refused.add(committedInvalid(counter, "crash", ValidationCode.CONTRACT_TRAPPED));
        assertThat(counter(counter.evaluate("get"))).isEqualTo(before);

        // a refused call's block carries the refusal and writes nothing: its state hash is that of no writes,
        // the same for every such block and unlike a block with a valid call
        List<String> emptyStateHashes = new ArrayList<>();
        // the refusals were committed through different nodes: read their blocks once every node has them
        net.network.awaitHeight(refused.stream().mapToLong(CommitException::blockNumber).max().orElseThrow() + 1,
                WasmNetwork.WAIT);
        for (CommitException e : refused) {
            assertThat(e.reason()).isNotBlank();
            Block block = net.user(0).blockByNumber(e.blockNumber());
            BlockTransaction tx = block.getTransactionsList().stream()
                    .filter(t -> t.getTransactionId().equals(e.transactionId())).findFirst().orElseThrow();
            assertThat(tx.getEventsList()).isEmpty();
            assertThat(tx.getResult().isEmpty()).isTrue();
            if (block.getTransactionsCount() == 1) {
                emptyStateHashes.add(Hashes.hex(block.getHeader().getStateHash().toByteArray()));
            }
        }
        SubmitResult valid = counter.submit("inc");
        assertThat(counter(valid.result())).as("the network keeps committing").isEqualTo(before + 1);
        assertThat(emptyStateHashes).isNotEmpty().containsOnly(emptyStateHashes.get(0))
                .doesNotContain(Hashes.hex(net.user(0).blockByNumber(valid.blockNumber()).getHeader().getStateHash()
                        .toByteArray()));
        net.assertIdenticalChains();
    }

    @Test
    void calls_with_more_output_than_a_block_holds_are_refused_in_it_and_the_nodes_keep_committing()
            throws Exception {
        // every call emits 3 MiB of events: a block keeps one (4 MiB at most), so of 8 sent at once some share a
        // block and are refused; before the limit, blocks of such calls ran every node out of memory
        Contract events = net.user(0).contract("events");
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<SubmitResult>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                sent.add(senders.submit(() -> events.submit("run")));
            }
            java.util.Map<Long, Integer> keptPerBlock = new java.util.HashMap<>();
            int tooLarge = 0;
            for (java.util.concurrent.Future<SubmitResult> call : sent) {
                try {
                    keptPerBlock.merge(call.get().blockNumber(), 1, Integer::sum);
                } catch (java.util.concurrent.ExecutionException e) {
                    CommitException refused = (CommitException) e.getCause();
                    assertThat(refused.code()).as(refused.getMessage()).isEqualTo(ValidationCode.OUTPUT_TOO_LARGE);
                    assertThat(refused.reason()).endsWith("a block holds at most 4194304: submit it again");
                    tooLarge++;
                }
            }
            assertThat(keptPerBlock.values()).as("kept per block; %d refused", tooLarge).containsOnly(1);
        } finally {
            senders.shutdownNow();
        }
        Contract counter = net.user(1).contract("counter");
        long before = counter(counter.evaluate("get"));
        assertThat(counter(counter.submit("inc").result())).as("the network keeps committing").isEqualTo(before + 1);
        net.assertIdenticalChains();
    }

    @Test
    void floating_point_and_malformed_modules_are_refused_at_commit_and_change_nothing() {
        Lifecycle org1 = net.admin("org1");
        for (String name : List.of("float", "malformed")) {
            String contract = name + "-contract";
            String code = org1.install(module(name));
            String digest = net.proposeAndApprove(Lifecycle.definition(contract, "1", 1, code).build());
            assertThat(refusal(() -> org1.commit(contract, 1, digest))).as(name).isEqualTo(ValidationCode.INVALID_MODULE);
            assertThat(refusal(() -> net.user(0).contract(contract).submit("run")))
                    .isEqualTo(ValidationCode.CONTRACT_NOT_COMMITTED);
            assertThat(org1.proposal(contract, 1, digest).getCommitted()).isFalse();
        }
        assertThat(org1.definitions()).extracting(r -> r.getDefinition().getName())
                .doesNotContain("float-contract", "malformed-contract");
        assertThat(counter(net.user(1).contract("counter").submit("inc").result())).isPositive();
        net.assertIdenticalChains();
    }

    private static CommitException committedInvalid(Contract contract, String function, ValidationCode expected) {
        try {
            contract.submit(function);
        } catch (CommitException e) {
            assertThat(e.code()).as(contract.name() + "." + function + ": " + e.reason()).isEqualTo(expected);
            return e;
        }
        throw new AssertionError(contract.name() + "." + function + " was not refused");
    }
}
