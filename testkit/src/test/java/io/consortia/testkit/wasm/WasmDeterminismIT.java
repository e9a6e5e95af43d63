package io.consortia.testkit.wasm;

import static io.consortia.testkit.wasm.WasmNetwork.counter;
import static io.consortia.testkit.wasm.WasmNetwork.module;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.sdk.Channel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same WebAssembly calls, sent through all three nodes of a real network at once, give every node the
 * same blocks: identical block hashes and state hashes in every block, and the same contract state.
 */
class WasmDeterminismIT {
    private static WasmNetwork net;

    @BeforeAll
    static void start() {
        net = new WasmNetwork();
        net.deploy("counter", module("counter_v1"), "org1", "org2");
        net.deploy("loop", module("loop"), "org2", "org3");
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void calls_through_every_node_give_identical_blocks_and_state_on_every_node() {
        List<Thread> senders = new ArrayList<>();
        List<SubmitResponse> responses = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int node = 0; node < 3; node++) {
            Channel channel = net.user(node);
            senders.add(new Thread(() -> {
                for (int round = 0; round < 5; round++) {
                    List<Transaction> batch = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        batch.add(channel.newTransaction("counter", "inc"));
                    }
                    batch.add(channel.newTransaction("counter", "crash"));
                    batch.add(channel.newTransaction("loop", "run"));
                    responses.addAll(channel.submitAll(batch, true));
                }
            }));
        }
        senders.forEach(Thread::start);
        await().atMost(WasmNetwork.WAIT).until(() -> senders.stream().noneMatch(Thread::isAlive));

        assertThat(responses).hasSize(3 * 5 * 6);
        assertThat(responses).filteredOn(r -> r.getCode() == ValidationCode.VALID).hasSize(3 * 5 * 4);
        assertThat(responses).filteredOn(r -> r.getCode() == ValidationCode.CONTRACT_TRAPPED).hasSize(3 * 5);
        assertThat(responses).filteredOn(r -> r.getCode() == ValidationCode.OUT_OF_FUEL).hasSize(3 * 5);
        net.assertIdenticalChains();
        net.awaitSameAnswer("counter", "get");
        assertThat(counter(net.user(2).contract("counter").evaluate("get"))).isEqualTo(3 * 5 * 4);
    }
}
