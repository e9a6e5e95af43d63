package io.consortia.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A webhook receiver for tests: a JDK HttpServer on 127.0.0.1 that records every request it
 * gets, answers 200 (or {@link #answer} when set to fail), and can be stopped and started
 * again on the same port to play a receiver that is down.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received, with the answer given. */
    record Received(Map<String, String> headers, byte[] body, int answered) {
        JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final List<Received> received = new ArrayList<>();
    private volatile int answer = 200;
    private HttpServer server;
    private int port;

    WebhookReceiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            int status = answer;
            synchronized (received) {
                received.add(new Received(headers, body, status));
            }
            byte[] reply = (status == 200 ? "thanks" : "down for maintenance").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** Stops listening: the platform's attempts are refused at the TCP level. */
    void stop() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    void answer(int status) {
        this.answer = status;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Requests of one subscription, in the order they arrived. */
    List<Received> of(long subscriptionId) {
        return received().stream().filter(r -> String.valueOf(subscriptionId).equals(r.header("X-Consortia-Subscription")))
                .toList();
    }

    @Override
    public void close() {
        stop();
    }
}
