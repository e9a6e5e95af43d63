package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a follower, then of the leader, while a client keeps submitting: every
 * transaction acknowledged as committed is in every node's ledger once the killed nodes are back,
 * and the network keeps committing with two of three nodes.
 */
@Tag("slow")
class CrashRecoveryIT {
    private MiniNetwork network;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void acknowledged_transactions_survive_kill_9_of_a_follower_and_of_the_leader() throws Exception {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<MiniNode> down = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread client = new Thread(() -> submitUntilStopped(acknowledged, down, failures, running), "client");
        client.start();
        try {
            awaitMoreAcknowledged(acknowledged, 20);

            MiniNode follower = nodeWithRole("FOLLOWER");
            down.add(follower);
            follower.kill();
            awaitMoreAcknowledged(acknowledged, 30); // two of three keep committing
            follower.restart();
            down.remove(follower);
            awaitMoreAcknowledged(acknowledged, 20);

            MiniNode leader = nodeWithRole("LEADER");
            down.add(leader);
            leader.kill();
            awaitMoreAcknowledged(acknowledged, 30); // a new leader is elected and commits
            leader.restart();
            down.remove(leader);
            awaitMoreAcknowledged(acknowledged, 20);
        } finally {
            running.set(false);
            client.join(Duration.ofSeconds(90).toMillis());
        }

        long height = network.gateway(0).channel("main").chainInfo().getHeight();
        network.awaitHeight(height, Duration.ofSeconds(120));
        for (MiniNode node : network.nodes()) {
            Channel channel = network.gateway(node, node.organization()).channel("main");
            for (String id : acknowledged) {
                assertThat(channel.transaction(id).getTransaction().getCode())
                        .as("acknowledged transaction %s on %s", id, node.nodeId())
                        .isEqualTo(ValidationCode.VALID);
            }
        }
        List<String> tips = new ArrayList<>();
        for (MiniNode node : network.nodes()) {
            tips.add(Hashes.hex(network.gateway(node, node.organization()).channel("main")
                    .blockByNumber(height - 1).getHash().toByteArray()));
        }
        assertThat(tips).containsOnly(tips.get(0));
        assertThat(acknowledged).hasSizeGreaterThan(100);
    }

    private void submitUntilStopped(Set<String> acknowledged, Set<MiniNode> down, AtomicInteger failures,
                                    AtomicBoolean running) {
        int i = 0;
        while (running.get()) {
            MiniNode node = network.nodes().get(i++ % network.nodes().size());
            if (down.contains(node)) {
                continue;
            }
            try (Gateway gateway = network.gateway(node, node.organization())) {
                for (int k = 0; k < 10 && running.get() && !down.contains(node); k++) {
                    String doc = Hashes.hex(Hashes.sha256().digest(("crash-" + i + "-" + k + "-"
                            + System.nanoTime()).getBytes()));
                    SubmitResult result = gateway.channel("main").contract("notarization").submit("record", doc, "x");
                    acknowledged.add(result.transactionId());
                }
            } catch (RuntimeException e) {
                failures.incrementAndGet(); // not acknowledged: the node died under it, or no leader yet
            }
        }
    }

    private static void awaitMoreAcknowledged(Set<String> acknowledged, int more) {
        int target = acknowledged.size() + more;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> acknowledged.size() >= target);
    }

    private MiniNode nodeWithRole(String role) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (MiniNode node : network.nodes()) {
                try {
                    ChannelStatus status = network.admin(node).status().getChannels(0);
                    if (status.getRaftRole().equals(role)) {
                        return node;
                    }
                } catch (RuntimeException e) {
                    // not answering: try the next node
                }
            }
            return null;
        }, n -> n != null);
    }
}
