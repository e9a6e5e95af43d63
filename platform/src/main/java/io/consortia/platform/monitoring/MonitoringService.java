package io.consortia.platform.monitoring;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The charts' data for a consortium's members (whoever may see the consortium, as on its Nodes
 * tab): per node and per channel, from the {@link SampleHistory}, and before its oldest sample
 * (after a platform restart, or beyond the memory's retention) from the {@link StoredHistory}.
 */
@Service
class MonitoringService {
    private final ConsortiumService consortia;
    private final Nodes nodes;
    private final SampleHistory history;
    private final StoredHistory stored;
    private final MonitoringProperties properties;
    private final Clock clock;

    @Autowired
    MonitoringService(ConsortiumService consortia, Nodes nodes, SampleHistory history, StoredHistory stored,
            MonitoringProperties properties) {
        this(consortia, nodes, history, stored, properties, Clock.systemUTC());
    }

    MonitoringService(ConsortiumService consortia, Nodes nodes, SampleHistory history, StoredHistory stored,
            MonitoringProperties properties, Clock clock) {
        this.consortia = consortia;
        this.nodes = nodes;
        this.history = history;
        this.stored = stored;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What the monitoring page lists: each node with its newest sample, and the channels they serve.
     *
     * @param latest null for a node not scraped yet
     * @param leaderlessChannels the channels for which the node answered its last scrape but knew no
     *     Raft leader ({@code consortia_raft_has_leader} 0), sorted; a node that is up yet orders no
     *     block on them
     */
    record NodeState(String nodeId, long organizationId, String status, NodeSample latest,
            List<String> leaderlessChannels) {

        NodeState {
            leaderlessChannels = List.copyOf(leaderlessChannels);
        }

        static NodeState of(String nodeId, long organizationId, String status, NodeSample latest) {
            List<String> leaderless = latest == null || !latest.up() ? List.of()
                    : latest.hasLeader().entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                            .sorted().toList();
            return new NodeState(nodeId, organizationId, status, latest, leaderless);
        }
    }

    /**
     * @param retentionMinutes the longest window the charts draw
     * @param persistedStepSeconds 0 when nothing is kept in the database; else the spacing of the points
     *     kept there, which are what the charts show after a platform restart and beyond the memory's retention
     */
    record Overview(long consortiumId, long scrapeIntervalSeconds, long retentionMinutes, boolean scraping,
            List<NodeState> nodes, List<String> channels, long persistedStepSeconds) {}

    Overview overview(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        TreeSet<String> channels = new TreeSet<>();
        List<NodeState> states = nodes.ofConsortium(consortiumId).stream().map(n -> {
            NodeSample latest = history.latest(n.id()).orElse(null);
            if (latest != null) {
                channels.addAll(latest.heights().keySet());
            }
            return NodeState.of(n.nodeId(), n.organizationId(), n.status().name(), latest);
        }).toList();
        return new Overview(consortiumId, properties.scrapeInterval().toSeconds(), properties.chartable().toMinutes(),
                properties.enabled(), states, List.copyOf(channels),
                properties.persisted().enabled() ? properties.persisted().step().toSeconds() : 0);
    }

    /** @param nodeId the node; @param series its points in the window */
    record NodeSeries(String nodeId, long organizationId, Instant since, Series series) {}

    NodeSeries node(Caller caller, long consortiumId, String nodeId, int minutes) {
        consortia.requireVisible(caller, consortiumId);
        Instant since = since(minutes);
        NodeRecord node = nodes.byNodeId(nodeId).filter(n -> n.consortiumId() == consortiumId)
                .orElseThrow(() -> PlatformException.notFound("Node", nodeId + " of consortium " + consortiumId));
        return new NodeSeries(node.nodeId(), node.organizationId(), since,
                Series.ofNode(samples(node, since), properties.chartGap()));
    }

    record ChannelSeries(String channel, Instant since, List<String> nodes, Series series) {}

    ChannelSeries channel(Caller caller, long consortiumId, String channel, int minutes) {
        consortia.requireVisible(caller, consortiumId);
        Instant since = since(minutes);
        Map<String, Series> perNode = new LinkedHashMap<>();
        for (NodeRecord n : nodes.ofConsortium(consortiumId)) {
            List<NodeSample> samples = samples(n, since);
            if (samples.stream().anyMatch(s -> s.heights().containsKey(channel))) {
                perNode.put(n.nodeId(), Series.ofNode(samples, properties.chartGap()));
            }
        }
        if (perNode.isEmpty()) {
            throw PlatformException.notFound("Channel", channel + " in the monitoring history of consortium "
                    + consortiumId + " (no node reported it in the last " + minutes + " minutes)");
        }
        return new ChannelSeries(channel, since, List.copyOf(perNode.keySet()),
                Series.ofChannel(channel, perNode, properties.scrapeInterval()));
    }

    /** The memory's samples since {@code since}, after the stored ones older than the memory's oldest. */
    private List<NodeSample> samples(NodeRecord node, Instant since) {
        List<NodeSample> recent = history.history(node.id(), since);
        Instant oldest = recent.isEmpty() ? clock.instant() : recent.get(0).at();
        List<NodeSample> older = stored.read(node, since, oldest);
        if (older.isEmpty()) {
            return recent;
        }
        List<NodeSample> all = new ArrayList<>(older);
        all.addAll(recent);
        return all;
    }

    private Instant since(int minutes) {
        long max = Math.max(1, properties.chartable().toMinutes());
        if (minutes < 1 || minutes > max) {
            throw InvalidFields.field("minutes", "must be between 1 and " + max + " (the history kept), was "
                    + minutes);
        }
        return clock.instant().minusSeconds(60L * minutes);
    }
}
