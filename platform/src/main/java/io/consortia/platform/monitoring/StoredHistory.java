package io.consortia.platform.monitoring;

import io.consortia.platform.deploy.NodeRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The monitoring history that outlives a platform restart (an upgrade must not blank the charts):
 * of each scrape round, the first sample of each node in each {@code persisted.step} goes to the
 * database, in one batch; rows older than {@code persisted.retention} are deleted once a step.
 * Alert rules keep reading the memory only: a rule's window wants every scrape, and the evaluator
 * already waits for a whole window after a restart.
 */
@Component
class StoredHistory {
    private final NodeHistoryRepository repository;
    private final MonitoringProperties.Persisted settings;
    /** Node record id to the step of its newest stored sample. */
    private final Map<Long, Long> storedStep = new ConcurrentHashMap<>();
    private volatile long prunedStep = Long.MIN_VALUE;

    StoredHistory(NodeHistoryRepository repository, MonitoringProperties properties) {
        this.repository = repository;
        this.settings = properties.persisted();
    }

    /** Stores what is due of one scrape round, and prunes when a new step began. */
    void record(List<NodeSample> round, Instant now) {
        if (!settings.enabled()) {
            return;
        }
        long step = settings.step().toMillis();
        List<NodeSample> due = round.stream()
                .filter(s -> !Long.valueOf(s.at().toEpochMilli() / step).equals(storedStep.get(s.nodeRecordId())))
                .toList();
        repository.insert(due);
        // after the insert: a round the database refused is tried again with the next round's samples
        due.forEach(s -> storedStep.put(s.nodeRecordId(), s.at().toEpochMilli() / step));
        if (now.toEpochMilli() / step != prunedStep) {
            repository.prune(now.minus(settings.retention()));
            prunedStep = now.toEpochMilli() / step;
        }
    }

    /** Forgets the nodes that no longer exist (their rows go at the next prune). */
    void retain(Collection<Long> nodeRecordIds) {
        storedStep.keySet().retainAll(nodeRecordIds);
    }

    /** The node's stored samples with {@code since <= at < before}, oldest first. */
    List<NodeSample> read(NodeRecord node, Instant since, Instant before) {
        return settings.enabled() && since.isBefore(before) ? repository.read(node, since, before) : List.of();
    }
}
