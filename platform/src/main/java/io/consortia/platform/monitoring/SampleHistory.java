package io.consortia.platform.monitoring;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The scraped samples, in memory: per node a ring of the last {@link MonitoringProperties#capacity()}
 * samples (the oldest drops out when a new one comes). Lost at a platform restart: the charts
 * then read the {@link StoredHistory} (one sample a minute) before this one's oldest; the alert
 * rules read only this. Long-term history is a real Prometheus's job.
 */
@Component
class SampleHistory implements NodeSamples {
    private final int capacity;
    private final Map<Long, Deque<NodeSample>> byNode = new ConcurrentHashMap<>();

    @Autowired
    SampleHistory(MonitoringProperties properties) {
        this(properties.capacity());
    }

    SampleHistory(int capacity) {
        this.capacity = capacity;
    }

    void add(NodeSample sample) {
        Deque<NodeSample> ring = byNode.computeIfAbsent(sample.nodeRecordId(), id -> new ArrayDeque<>());
        synchronized (ring) {
            ring.addLast(sample);
            while (ring.size() > capacity) {
                ring.removeFirst();
            }
        }
    }

    /** Drops the history of nodes that no longer exist. */
    void retain(Collection<Long> nodeRecordIds) {
        byNode.keySet().retainAll(nodeRecordIds);
    }

    @Override
    public Optional<NodeSample> latest(long nodeRecordId) {
        Deque<NodeSample> ring = byNode.get(nodeRecordId);
        if (ring == null) {
            return Optional.empty();
        }
        synchronized (ring) {
            return Optional.ofNullable(ring.peekLast());
        }
    }

    @Override
    public List<NodeSample> history(long nodeRecordId, Instant since) {
        Deque<NodeSample> ring = byNode.get(nodeRecordId);
        if (ring == null) {
            return List.of();
        }
        synchronized (ring) {
            return ring.stream().filter(s -> !s.at().isBefore(since)).toList();
        }
    }
}
