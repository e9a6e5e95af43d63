package io.consortia.node.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Consumer;

/**
 * The node's Prometheus metrics, in one registry per node (several nodes may share a JVM in tests).
 * Names follow Prometheus conventions: {@code consortia_} prefix, base units, {@code _total} counters.
 */
public final class NodeMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge height;
    private final Counter committed;
    private final Counter rejected;
    private final Histogram batchSize;
    private final Histogram commitLatency;
    private final Counter leaderChanges;

    public NodeMetrics() {
        height = Gauge.builder().name("consortia_block_height")
                .help("Blocks in the channel's ledger, genesis included").labelNames("channel").register(registry);
        committed = Counter.builder().name("consortia_transactions_committed_total")
                .help("Transactions committed in blocks, by validation code").labelNames("channel", "code")
                .register(registry);
        rejected = Counter.builder().name("consortia_transactions_rejected_total")
                .help("Transactions refused at admission (never replicated), by validation code")
                .labelNames("channel", "code").register(registry);
        batchSize = Histogram.builder().name("consortia_block_transactions")
                .help("Transactions per block (one Raft entry each)").labelNames("channel")
                .classicUpperBounds(1, 10, 50, 100, 250, 500, 1000, 2000, 5000).register(registry);
        commitLatency = Histogram.builder().name("consortia_commit_latency_seconds")
                .help("From admission on this node to commit on this node").labelNames("channel")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
        leaderChanges = Counter.builder().name("consortia_raft_leader_changes_total")
                .help("Raft leader changes seen by this node").labelNames("channel").register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void blockCommitted(String channel, long newHeight, int transactions) {
        height.labelValues(channel).set(newHeight);
        batchSize.labelValues(channel).observe(transactions);
    }

    public void transactionCommitted(String channel, String code) {
        committed.labelValues(channel, code).inc();
    }

    public void transactionsCommitted(String channel, String code, long count) {
        committed.labelValues(channel, code).inc(count);
    }

    public void transactionRejected(String channel, String code) {
        rejected.labelValues(channel, code).inc();
    }

    public void commitLatency(String channel, double seconds) {
        commitLatency.labelValues(channel).observe(seconds);
    }

    public void leaderChanged(String channel) {
        leaderChanges.labelValues(channel).inc();
    }

    /**
     * CPU time and resident memory of the process, bytes used under {@code dataDir} and free on
     * its file system: what the platform's charts and disk alerts read.
     */
    public void registerResources(java.nio.file.Path dataDir) {
        ResourceMetrics.register(this, dataDir);
    }

    /** Gauges read at scrape time (Raft role, term, peers), supplied by the consensus layer. */
    public void registerCallbackGauge(String name, String help, String[] labels,
                                      Consumer<GaugeWithCallback.Callback> callback) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labels).callback(callback).register(registry);
    }
}
