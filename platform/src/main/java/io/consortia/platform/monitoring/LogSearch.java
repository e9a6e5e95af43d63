package io.consortia.platform.monitoring;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.Deployers;
import io.consortia.platform.deploy.NodePolicy;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Searches the logs of a consortium's nodes by time range and text, newest entries kept: each
 * node's log is read through its deployer (the newest {@code consortia.monitoring.logs.lines-per-node}
 * lines), cut into entries, filtered and merged in time order. Only the nodes whose logs the
 * caller may read are searched (their organisation, the leader, platform admin, auditors); a node
 * whose log cannot be read is reported with the reason, the others are still searched.
 */
@Service
class LogSearch {
    static final int MAX_TEXT = 200;
    private final ConsortiumService consortia;
    private final Nodes nodes;
    private final Deployers deployers;
    private final MonitoringProperties properties;

    LogSearch(ConsortiumService consortia, Nodes nodes, Deployers deployers, MonitoringProperties properties) {
        this.consortia = consortia;
        this.nodes = nodes;
        this.deployers = deployers;
        this.properties = properties;
    }

    /**
     * @param from entries at or after it; null for no lower bound
     * @param to entries before it; null for no upper bound
     * @param text entries containing it, case ignored; blank for all
     * @param nodeIds the nodes to search; empty for every node the caller may read
     * @param limit entries returned at most (the newest)
     */
    record Query(Instant from, Instant to, String text, Set<String> nodeIds, int limit) {}

    /** @param error why the node's log could not be read; null when it was */
    record Searched(String nodeId, int entries, String error) {}

    record Hit(String nodeId, Instant at, String text) {}

    /** @param truncated more entries matched than {@code limit}; the oldest were left out */
    record Result(List<Searched> nodes, List<Hit> hits, boolean truncated) {}

    /** The ids of the consortium's nodes whose log the caller may read: the pages offer Logs for these only. */
    Set<String> readableNodes(Caller caller, long consortiumId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        return nodes.ofConsortium(consortiumId).stream()
                .filter(n -> NodePolicy.canReadLogs(caller, consortium, n.organizationId()))
                .map(NodeRecord::nodeId).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    Result search(Caller caller, long consortiumId, Query query) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        validate(query);
        List<NodeRecord> all = nodes.ofConsortium(consortiumId);
        for (String requested : query.nodeIds()) {
            NodeRecord node = all.stream().filter(n -> n.nodeId().equals(requested)).findFirst()
                    .orElseThrow(() -> PlatformException.notFound("Node", requested + " of consortium " + consortiumId));
            if (!NodePolicy.canReadLogs(caller, consortium, node.organizationId())) {
                throw PlatformException.forbidden("The log of node " + requested
                        + " is visible to its organisation and the consortium leader");
            }
        }
        List<NodeRecord> searched = all.stream()
                .filter(n -> query.nodeIds().isEmpty() || query.nodeIds().contains(n.nodeId()))
                .filter(n -> NodePolicy.canReadLogs(caller, consortium, n.organizationId())).toList();
        String needle = query.text() == null ? "" : query.text().strip().toLowerCase(Locale.ROOT);
        List<Searched> report = new ArrayList<>();
        List<Hit> hits = new ArrayList<>();
        for (NodeRecord node : searched) {
            String log;
            try {
                log = deployers.of(node).timedLogs(node, properties.logs().linesPerNode());
            } catch (RuntimeException e) {
                report.add(new Searched(node.nodeId(), 0, e.getMessage()));
                continue;
            }
            List<LogEntries.Entry> entries = LogEntries.parse(log, ZoneId.systemDefault());
            report.add(new Searched(node.nodeId(), entries.size(), null));
            for (LogEntries.Entry e : entries) {
                if (inRange(e.at(), query) && (needle.isEmpty() || e.text().toLowerCase(Locale.ROOT).contains(needle))) {
                    hits.add(new Hit(node.nodeId(), e.at(), e.text()));
                }
            }
        }
        // undated entries (a tail that began mid-entry) sort first: they are older than the log's first date
        hits.sort(Comparator.comparing(Hit::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        boolean truncated = hits.size() > query.limit();
        List<Hit> newest = truncated ? hits.subList(hits.size() - query.limit(), hits.size()) : hits;
        return new Result(report, List.copyOf(newest), truncated);
    }

    private void validate(Query query) {
        if (query.text() != null && query.text().length() > MAX_TEXT) {
            throw PlatformException.invalid("The search text is limited to " + MAX_TEXT + " characters");
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw PlatformException.invalid("from (" + query.from() + ") must be before to (" + query.to() + ")");
        }
        int max = properties.logs().maxResults();
        if (query.limit() < 1 || query.limit() > max) {
            throw InvalidFields.field("limit", "must be between 1 and " + max + ", was " + query.limit());
        }
    }

    /** An entry without a time matches only a search without a time range. */
    private static boolean inRange(Instant at, Query query) {
        if (at == null) {
            return query.from() == null && query.to() == null;
        }
        return (query.from() == null || !at.isBefore(query.from())) && (query.to() == null || at.isBefore(query.to()));
    }

    int maxResults() {
        return properties.logs().maxResults();
    }
}
