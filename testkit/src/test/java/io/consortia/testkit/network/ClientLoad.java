package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.Contract;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Subscription;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Continuous client load on a {@link MiniNetwork} for tests that change it underneath: client
 * threads submit notarizations (waiting for each commit) through the nodes a supplier names at
 * that moment, remember every acknowledged (committed VALID) transaction id and every failed
 * call with its reason; and the checks that follow: every acknowledged transaction VALID on every
 * serving node, and identical blocks on all of them at every height.
 */
final class ClientLoad implements AutoCloseable {
    private final MiniNetwork network;
    private final Supplier<List<MiniNode>> targets;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    ClientLoad(MiniNetwork network, int clients, Supplier<List<MiniNode>> targets) {
        this.network = network;
        this.targets = targets;
        for (int i = 0; i < clients; i++) {
            int first = i;
            Thread t = new Thread(() -> submitUntilStopped(first), "load-client-" + i);
            t.start();
            threads.add(t);
        }
    }

    private void submitUntilStopped(int first) {
        Map<String, Contract> contracts = new HashMap<>();
        List<Gateway> gateways = new CopyOnWriteArrayList<>();
        int n = 0;
        try {
            while (running.get()) {
                List<MiniNode> nodes = targets.get();
                MiniNode node = nodes.get((first + n) % nodes.size());
                Contract contract = contracts.computeIfAbsent(node.nodeId(), k -> {
                    Gateway gateway = network.gateway(node, node.organization());
                    gateways.add(gateway);
                    return gateway.channel(network.channelConfig().getName()).contract("notarization");
                });
                String doc = Hashes.hex(Hashes.sha256().digest(("load-" + first + "-" + n++ + "-"
                        + System.nanoTime()).getBytes()));
                try {
                    acknowledged.add(contract.submit("record", doc, "load").transactionId());
                } catch (RuntimeException e) {
                    failures.add(node.nodeId() + ": " + e);
                }
            }
        } finally {
            gateways.forEach(Gateway::close);
        }
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Waits until {@code more} further transactions were acknowledged: the network commits. */
    void awaitMore(int more) {
        int target = acknowledged.size() + more;
        await("" + more + " more acknowledged transactions").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200)).until(() -> acknowledged.size() >= target);
    }

    /** Stops the clients and waits for their last calls. */
    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(90).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * After the load stopped: every serving node reaches one height, holds identical blocks at
     * every height, and every acknowledged transaction once, VALID. Returns that height.
     */
    static long assertSameChains(MiniNetwork network, List<MiniNode> nodes, Set<String> acknowledged) {
        long height = await("the same height on " + nodes).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> commonHeight(network, nodes), h -> h > 0);
        List<String> reference = null;
        for (MiniNode node : nodes) {
            List<Block> chain = blocks(network, node, height);
            List<String> hashes = chain.stream().map(b -> Hashes.hex(b.getHash().toByteArray())).toList();
            if (reference == null) {
                reference = hashes;
            }
            assertThat(hashes).as("block hashes of %s", node.nodeId()).containsExactlyElementsOf(reference);
            Map<String, ValidationCode> recorded = new HashMap<>();
            for (Block block : chain) {
                for (BlockTransaction tx : block.getTransactionsList()) {
                    assertThat(recorded.put(tx.getTransactionId(), tx.getCode()))
                            .as("transaction %s recorded twice on %s", tx.getTransactionId(), node.nodeId()).isNull();
                }
            }
            for (String id : acknowledged) {
                assertThat(recorded.get(id)).as("acknowledged transaction %s on %s", id, node.nodeId())
                        .isEqualTo(ValidationCode.VALID);
            }
        }
        return height;
    }

    /** The first {@code height} blocks of the node. */
    static List<Block> blocks(MiniNetwork network, MiniNode node, long height) {
        List<Block> blocks = new CopyOnWriteArrayList<>();
        Channel channel = network.gateway(node, node.organization()).channel(network.channelConfig().getName());
        try (Subscription subscription = channel.subscribeBlocks(0, blocks::add)) {
            await("all " + height + " blocks of " + node.nodeId()).atMost(Duration.ofSeconds(120))
                    .until(() -> blocks.size() >= height);
        }
        return List.copyOf(blocks.subList(0, (int) height));
    }

    private static long commonHeight(MiniNetwork network, List<MiniNode> nodes) {
        Set<Long> heights = new java.util.HashSet<>();
        for (MiniNode node : nodes) {
            heights.add(network.admin(node).status().getChannels(0).getHeight());
        }
        return heights.size() == 1 ? heights.iterator().next() : -1;
    }
}
