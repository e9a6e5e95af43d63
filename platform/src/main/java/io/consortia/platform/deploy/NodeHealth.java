package io.consortia.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a node's {@code GET /health} on its metrics port: whether it serves, and its channels'
 * heights and Raft roles. Every deployer reaches its nodes over the network, wherever they run,
 * so this is shared; what else a target knows (a local pid, a pod's metrics) is the deployer's.
 */
public final class NodeHealth {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ratis roles the console names; anything else (a channel whose Raft group is not up yet) is left out. */
    private static final Set<String> ROLES = Set.of("LEADER", "FOLLOWER", "CANDIDATE", "LISTENER");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * What one {@code /health} answer says.
     *
     * @param serving the node answered 200 (it is up)
     * @param heights channel to block height
     * @param roles channel to Raft role
     * @param failedChannels channel to the reason the node does not serve it (a stopped Raft member,
     *     stored files it cannot open), as the node words it; also listed by a node that answers 503
     * @param leaderlessChannels the served channels without a known Raft leader, sorted: the node
     *     answers DEGRADED (still 200) and those channels order no block
     */
    public record Report(boolean serving, Map<String, Long> heights, Map<String, String> roles,
            Map<String, String> failedChannels, List<String> leaderlessChannels) {

        public Report {
            leaderlessChannels = List.copyOf(new TreeSet<>(leaderlessChannels));
        }

        /** A report that names no leaderless channel. */
        public Report(boolean serving, Map<String, Long> heights, Map<String, String> roles,
                Map<String, String> failedChannels) {
            this(serving, heights, roles, failedChannels, List.of());
        }
    }

    /** One read of the node's health; empty when it does not answer at all. */
    public Optional<Report> read(NodeRecord node) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node.host() + ":" + node.metricsPort()
                + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Optional.of(parse(response.statusCode(), response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * A health answer; a body that is not the expected JSON reports no channels. Heights, roles and
     * leaderless channels count only from a node that serves; the channels it does not serve, from any answer.
     */
    static Report parse(int status, String body) {
        Map<String, Long> heights = new TreeMap<>();
        Map<String, String> roles = new TreeMap<>();
        Map<String, String> failed = new TreeMap<>();
        List<String> leaderless = new ArrayList<>();
        try {
            JsonNode document = JSON.readTree(body);
            if (status == 200) {
                for (JsonNode channel : document.path("channels")) {
                    String name = channel.path("name").asText(null);
                    if (name == null) {
                        continue;
                    }
                    heights.put(name, channel.path("height").asLong());
                    String role = channel.path("raftRole").asText("");
                    if (ROLES.contains(role)) {
                        roles.put(name, role);
                    }
                }
                for (JsonNode channel : document.path("leaderlessChannels")) {
                    if (channel.isTextual()) {
                        leaderless.add(channel.asText());
                    }
                }
            }
            for (JsonNode channel : document.path("failedChannels")) {
                String name = channel.path("name").asText(null);
                if (name != null) {
                    failed.put(name, channel.path("reason").asText(""));
                }
            }
        } catch (IOException e) {
            heights.clear();
            roles.clear();
            failed.clear();
            leaderless.clear();
        }
        return new Report(status == 200, heights, roles, failed, leaderless);
    }
}
