package io.consortia.node.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.NodeStatus;

/**
 * The JSON body of {@code GET /health}, written with Jackson: node ids, organisation and channel
 * names come from configuration files and must come out as JSON strings whatever they hold.
 */
public final class HealthDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthDocument() {}

    /** {@code {"status":"DOWN"}} */
    public static String down() {
        return write(JSON.createObjectNode().put("status", "DOWN"));
    }

    /**
     * A serving node's document: its id, organisation and each channel's height and Raft state.
     * Status UP; DEGRADED while a served channel has no Raft leader (listed in
     * {@code leaderlessChannels}): such a node answers reads but orders no block, usually because
     * fewer than a majority of the channel's nodes run. It still answers 200, because restarting it
     * would not bring the others back and would take away the one member that still serves.
     */
    public static String up(NodeStatus status) {
        return up(status, java.util.Map.of());
    }

    /**
     * As {@link #up(NodeStatus)}, plus {@code failedChannels} when there are any: the stored
     * channels the node could not open and does not serve, by name with the reason. Without
     * failed channels the document is exactly the one of {@link #up(NodeStatus)}.
     */
    public static String up(NodeStatus status, java.util.Map<String, String> failedChannels) {
        return of(leaderless(status).isEmpty() ? "UP" : "DEGRADED", status, failedChannels);
    }

    /** Served channels without a known Raft leader; a removed channel has no Raft member to ask. */
    public static java.util.List<String> leaderless(NodeStatus status) {
        return status.getChannelsList().stream().filter(c -> !c.getRemoved() && c.getRaftLeader().isEmpty())
                .map(ChannelStatus::getName).sorted().toList();
    }

    /**
     * As {@link #up(NodeStatus, java.util.Map)} with another status: DOWN while a channel's Raft
     * member has stopped (then listed in {@code failedChannels}), with everything else the node
     * knows, so that whoever reads a failing probe sees which channel and why.
     */
    public static String of(String state, NodeStatus status, java.util.Map<String, String> failedChannels) {
        ObjectNode document = JSON.createObjectNode()
                .put("status", state)
                .put("nodeId", status.getNodeId())
                .put("organization", status.getOrganization());
        ArrayNode channels = document.putArray("channels");
        for (ChannelStatus c : status.getChannelsList()) {
            channels.addObject()
                    .put("name", c.getName())
                    .put("height", c.getHeight())
                    .put("raftRole", String.valueOf(c.getRaftRole()))
                    .put("raftLeader", c.getRaftLeader())
                    .put("raftTerm", c.getRaftTerm());
        }
        java.util.List<String> leaderless = leaderless(status);
        if (!leaderless.isEmpty()) {
            ArrayNode names = document.putArray("leaderlessChannels");
            leaderless.forEach(names::add);
        }
        if (!failedChannels.isEmpty()) {
            ArrayNode failed = document.putArray("failedChannels");
            new java.util.TreeMap<>(failedChannels).forEach((name, reason) ->
                    failed.addObject().put("name", name).put("reason", reason));
        }
        return write(document);
    }

    private static String write(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the health document", e); // a tree of strings and numbers always writes
        }
    }
}
