package io.consortia.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One node of a {@link MiniNetwork}: where it listens, where its files are, and the faults a
 * test can inject — {@link #kill()} (crash), {@link #pause()} (SIGSTOP), {@link #stop()} (orderly shutdown),
 * {@link #restart()} (same ports and data) and {@link #wipe()} (lose the disk).
 *
 * <pre>{@code
 * MiniNode follower = network.nodes().get(2);
 * follower.kill();
 * network.gateway(0).channel("main").contract("asset").submit("create", "a1", "pallet", "100"); // 2 of 3 still commit
 * follower.restart();                                   // catches up from its peers
 * network.awaitHeight(3);
 * }</pre>
 */
public final class MiniNode {
    private final NodeLayout layout;
    private final NodeRunner runner;
    private final Duration startTimeout;

    MiniNode(NodeLayout layout, NodeRunner runner, Duration startTimeout) {
        this.layout = layout;
        this.runner = runner;
        this.startTimeout = startTimeout;
    }

    public String nodeId() {
        return layout.nodeId();
    }

    public String organization() {
        return layout.organization();
    }

    /** Port of the gRPC API (TransactionService, LedgerService, AdminService) on 127.0.0.1. */
    public int apiPort() {
        return layout.apiPort();
    }

    /** Port of the Raft (Ratis) endpoint on 127.0.0.1. */
    public int raftPort() {
        return layout.raftPort();
    }

    /** Port of {@code /metrics} and {@code /health} on 127.0.0.1. */
    public int metricsPort() {
        return layout.metricsPort();
    }

    /** The node's directory: node.yaml, PEM files, data/ and node.log. */
    public Path directory() {
        return layout.directory();
    }

    public Path configFile() {
        return layout.configFile();
    }

    public Path dataDir() {
        return layout.dataDir();
    }

    /** Output of the node's process; absent for in-process nodes, which log to the test's logging. */
    public Path logFile() {
        return layout.logFile();
    }

    public boolean isRunning() {
        return runner.isRunning();
    }

    /** Crashes the node: SIGKILL for a process (no shutdown hook runs), close for an in-process node. */
    public void kill() {
        runner.kill();
    }

    /**
     * Freezes the node's process with SIGSTOP, like a long GC pause or a hung host: its
     * connections stay open and nothing answers. {@link #resume()} thaws it. Process nodes only.
     */
    public void pause() {
        runner.pause(true);
    }

    /** Thaws a node frozen by {@link #pause()} (SIGCONT). */
    public void resume() {
        runner.pause(false);
    }

    /** See {@link NodeRunner#recordClassArchive()}. */
    void recordClassArchive() {
        runner.recordClassArchive();
    }

    /** Stops the node as its network closes: see {@link NodeRunner#dispose()}. */
    void dispose() {
        runner.dispose();
    }

    /** Shuts the node down gracefully and waits until it has exited. */
    public void stop() {
        runner.stop();
    }

    /** Stops the node if it runs, starts it again on the same ports and data, and waits until it serves. */
    public void restart() {
        runner.stop();
        start();
    }

    /**
     * Deletes the node's data (ledgers, Raft log, snapshots), as after a lost disk.
     *
     * @throws IllegalStateException if the node is running
     */
    public void wipe() {
        if (runner.isRunning()) {
            throw new IllegalStateException("Stop or kill " + nodeId() + " before wiping its data");
        }
        try {
            Directories.deleteRecursively(layout.dataDir());
            Files.createDirectories(layout.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe " + layout.dataDir(), e);
        }
    }

    /** Whether {@code GET /health} answers 200 now. */
    public boolean isHealthy() {
        return HealthProbe.isHealthy(layout.metricsPort());
    }

    void start() {
        launch();
        awaitHealthy();
    }

    void launch() {
        runner.start();
    }

    void awaitHealthy() {
        await(nodeId() + " serving /health")
                .atMost(startTimeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    runner.checkAlive();
                    return isHealthy();
                });
    }

    NodeLayout layout() {
        return layout;
    }

    @Override
    public String toString() {
        return "MiniNode[" + nodeId() + ", api " + layout.apiAddress() + (isRunning() ? ", running" : ", stopped") + "]";
    }
}
