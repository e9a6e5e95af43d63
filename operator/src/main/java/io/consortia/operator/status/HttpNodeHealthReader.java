package io.consortia.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * GET http://host:port/health with a short timeout: a node that does not answer quickly is
 * reported as such, it does not hold up the status of the others. The node answers 200 with
 * {@code status: UP} when it serves (DEGRADED while a channel has no Raft leader) and 503 with
 * {@code status: DOWN} otherwise; both are
 * documents (see HealthDocument in the node).
 */
public final class HttpNodeHealthReader implements NodeHealthReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final Duration timeout;

    public HttpNodeHealthReader(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public NodeHealth read(String host, int port) {
        String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + authority + "/health"))
                .timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new HealthUnavailableException("/health did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new HealthUnavailableException("/health unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HealthUnavailableException("interrupted while reading /health");
        }
        try {
            return parse(response.body());
        } catch (IOException | RuntimeException e) {
            throw new HealthUnavailableException("/health answered " + response.statusCode() + " with an unreadable body");
        }
    }

    static NodeHealth parse(String body) throws IOException {
        JsonNode document = JSON.readTree(body);
        List<NodeHealth.Channel> channels = new ArrayList<>();
        for (JsonNode c : document.path("channels")) {
            channels.add(new NodeHealth.Channel(c.path("name").asText(), c.path("raftRole").asText(),
                    c.path("height").asLong()));
        }
        List<String> leaderless = new ArrayList<>();
        document.path("leaderlessChannels").forEach(name -> leaderless.add(name.asText()));
        String status = document.path("status").asText();
        return new NodeHealth("UP".equals(status) || "DEGRADED".equals(status), channels, leaderless);
    }
}
