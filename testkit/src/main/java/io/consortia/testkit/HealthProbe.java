package io.consortia.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a node's metrics endpoint whether it serves: {@code GET /health} answering 200. */
final class HealthProbe {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private HealthProbe() {}

    static boolean isHealthy(int metricsPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + NodeLayout.HOST + ":" + metricsPort + "/health"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
