package io.consortia.operator.reconcile;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The operator's Prometheus metrics (served on /metrics by OperatorMain). */
public final class OperatorMetrics {
    private final PrometheusRegistry registry;
    private final Counter reconciliations;
    private final Counter objects;
    private final Gauge readyNodes;
    private final Gauge nodes;

    public OperatorMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        reconciliations = Counter.builder().name("consortia_operator_reconciliations_total")
                .help("Reconciliations of ConsortiaNetworks by result").labelNames("result").register(registry);
        objects = Counter.builder().name("consortia_operator_objects_written_total")
                .help("Objects the operator wrote, by action (created, repaired, recreating, deleted)").labelNames("action")
                .register(registry);
        readyNodes = Gauge.builder().name("consortia_operator_network_ready_nodes")
                .help("Ready nodes per network").labelNames("network").register(registry);
        nodes = Gauge.builder().name("consortia_operator_network_nodes")
                .help("Nodes per network").labelNames("network").register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Reconciliations so far, successful or not. */
    public long reconciliations() {
        return (long) (reconciliations.labelValues("success").get() + reconciliations.labelValues("failure").get());
    }

    void reconciled(boolean success) {
        reconciliations.labelValues(success ? "success" : "failure").inc();
    }

    void applied(Applied applied) {
        if (applied != Applied.UNCHANGED) {
            objects.labelValues(applied.name().toLowerCase(java.util.Locale.ROOT)).inc();
        }
    }

    /** An object of an organisation that left the network. */
    void deleted() {
        objects.labelValues("deleted").inc();
    }

    void readyNodes(String network, long ready, long total) {
        readyNodes.labelValues(network).set(ready);
        nodes.labelValues(network).set(total);
    }
}
