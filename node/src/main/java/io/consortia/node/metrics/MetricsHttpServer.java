package io.consortia.node.metrics;

import com.sun.net.httpserver.HttpServer;
import io.consortia.common.DaemonThreads;
import io.consortia.common.HttpReplies;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} (Prometheus text format) and {@code GET /health} (JSON; 200 when
 * the node serves, 503 otherwise) on the metrics endpoint.
 */
public final class MetricsHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);

    /** What /health reports: whether the node is up, and a JSON body describing it. */
    public record Health(boolean up, String json) {}

    private final HttpServer server;

    public MetricsHttpServer(String host, int port, NodeMetrics metrics, Supplier<Health> health) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, DaemonThreads.named("metrics-http")));
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        server.createContext("/metrics", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writer.write(body, metrics.registry().scrape());
            HttpReplies.send(exchange, 200, writer.getContentType(), body.toByteArray());
        });
        server.createContext("/health", exchange -> {
            Health h = health.get();
            HttpReplies.send(exchange, h.up() ? 200 : 503, "application/json", h.json().getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        LOG.info("metrics and health on http://{}:{}/metrics and /health", host, port);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
