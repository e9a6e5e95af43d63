package io.consortia.platform.deploy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Exports {@code consortia_platform_nodes{status}} (nodes per status, across consortia) and
 * {@code consortia_platform_node_restarts} (crash restarts so far) at /actuator/prometheus.
 */
@Component
class NodeMetrics implements MeterBinder {
    private final NodeRepository nodes;

    NodeMetrics(NodeRepository nodes) {
        this.nodes = nodes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (NodeStatus status : NodeStatus.values()) {
            Gauge.builder("consortia.platform.nodes", nodes, n -> n.all().stream().filter(x -> x.status() == status)
                            .count())
                    .tag("status", status.name()).description("Nodes by last seen status").register(registry);
        }
        Gauge.builder("consortia.platform.node.restarts", nodes,
                        n -> n.all().stream().mapToInt(NodeRecord::restarts).sum())
                .description("Restarts of crashed nodes by the supervisor").register(registry);
    }
}
