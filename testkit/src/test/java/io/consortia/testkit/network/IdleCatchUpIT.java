package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.sdk.Contract;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A follower killed with {@code kill -9} while the others commit, then restarted on a channel
 * that stays idle, catches up by itself: nothing is submitted after the restart (issue 16: a
 * restarted follower stayed two blocks behind for minutes until the next transaction came).
 * This end-to-end run is a guard: the race behind that report (a resent, longer append
 * acknowledged before its entries were written) is reproduced deterministically by
 * {@code FollowerAcknowledgementIT} in the node module.
 */
@Tag("slow")
class IdleCatchUpIT {
    private MiniNetwork network;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger committed = new AtomicInteger();

    @AfterEach
    void stop() {
        running.set(false);
        if (network != null) {
            network.close();
        }
    }

    @Test
    void a_follower_killed_under_load_and_restarted_catches_up_on_an_idle_channel() throws Exception {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start();
        MiniNode follower = nodeWithRole("FOLLOWER");
        List<Thread> clients = new ArrayList<>();
        for (MiniNode node : network.nodes()) {
            if (node != follower) {
                Contract notarization = network.gateway(node, node.organization()).channel("main").contract("notarization");
                Thread client = new Thread(() -> submitUntilStopped(notarization), "client-" + node.nodeId());
                client.start();
                clients.add(client);
            }
        }
        awaitMoreCommitted(20);
        follower.kill(); // in the middle of replication
        awaitMoreCommitted(30);
        running.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60).toMillis());
        }
        MiniNode other = network.nodes().stream().filter(n -> n != follower).findFirst().orElseThrow();
        long height = network.gateway(other, other.organization()).channel("main").chainInfo().getHeight();

        follower.restart();
        // no traffic from here on: the follower must fetch what it missed by itself
        try {
            network.awaitHeight(height, Duration.ofSeconds(120));
        } catch (RuntimeException | AssertionError e) {
            network.dumpLogs();
            throw e;
        }
        assertThat(network.gateway(follower, follower.organization()).channel("main").blockByNumber(height - 1).getHash())
                .isEqualTo(network.gateway(other, other.organization()).channel("main").blockByNumber(height - 1).getHash());
    }

    private void submitUntilStopped(Contract notarization) {
        int i = 0;
        while (running.get()) {
            String doc = Hashes.hex(Hashes.sha256().digest((Thread.currentThread().getName() + "-" + i++ + "-"
                    + System.nanoTime()).getBytes()));
            try {
                notarization.submit("record", doc, "idle");
                committed.incrementAndGet();
            } catch (RuntimeException e) {
                // not acknowledged: tried again with the next one
            }
        }
    }

    private void awaitMoreCommitted(int more) {
        int target = committed.get() + more;
        await().atMost(Duration.ofSeconds(120)).until(() -> committed.get() >= target);
    }

    private MiniNode nodeWithRole(String role) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (MiniNode node : network.nodes()) {
                ChannelStatus status = network.admin(node).status().getChannels(0);
                if (status.getRaftRole().equals(role)) {
                    return node;
                }
            }
            return null;
        }, n -> n != null);
    }
}
