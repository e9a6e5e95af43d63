package io.consortia.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The platform's REST API as the time-to-network benchmark uses it: JSON in and out, a bearer
 * token from {@code POST /api/v1/auth/login}, and an answer other than the expected status
 * thrown with its body (the platform's problem+json says why).
 */
final class PlatformRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param base the platform's URL, e.g. {@code http://localhost:8080} */
    PlatformRestClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A bearer token for the user. */
    String login(String username, String password) {
        return call("POST", "/api/v1/auth/login", null, Map.of("username", username, "password", password), 200)
                .get("token").asText();
    }

    /** The JSON answer of a call that must answer {@code expected}; an empty body is an empty object. */
    JsonNode call(String method, String path, String bearer, Object body, int expected) {
        HttpResponse<String> response = send(method, path, bearer, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " (expected "
                    + expected + "): " + response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the status of a call. */
    int status(String method, String path, String bearer) {
        return send(method, path, bearer, null).statusCode();
    }

    /** The raw answer; {@code body} (if any) is sent as JSON. */
    HttpResponse<String> send(String method, String path, String bearer, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(120));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
