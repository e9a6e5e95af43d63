package io.consortia.platform.monitoring;

import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every {@code consortia.monitoring.scrape-interval}, reads {@code /metrics} of every node the
 * platform knows, all at once, and adds one sample per node to the {@link SampleHistory}: the
 * node's figures when it answered 200 within {@code scrape-timeout}, {@code up=false} otherwise
 * (stopped, crashed, unreachable). Nodes are reached over the network as any Prometheus would,
 * so this works for every deployment target. A downsampled copy goes to the database
 * ({@link StoredHistory}) so the charts survive a platform restart. Each round's verdicts are
 * also exported at {@code /actuator/prometheus} as {@code consortia_platform_node_up{consortium,node}},
 * for a Prometheus that scrapes the platform only.
 */
@Component
class MetricsScraper {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsScraper.class);
    private final Nodes nodes;
    private final SampleHistory history;
    private final StoredHistory stored;
    private final MonitoringProperties properties;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final HttpClient http;
    private final MultiGauge up;
    private ScheduledFuture<?> task;

    MetricsScraper(Nodes nodes, SampleHistory history, StoredHistory stored, MonitoringProperties properties,
            TaskScheduler scheduler, MeterRegistry meters) {
        this.nodes = nodes;
        this.history = history;
        this.stored = stored;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = Clock.systemUTC();
        this.http = HttpClient.newBuilder().connectTimeout(properties.scrapeTimeout()).build();
        this.up = MultiGauge.builder("consortia.platform.node.up")
                .description("1 when the node answered the platform's last metrics scrape").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.enabled()) {
            task = scheduler.scheduleWithFixedDelay(this::scrapeAll, properties.scrapeInterval());
        } else {
            LOG.info("Node metrics are not scraped (consortia.monitoring.enabled=false): no charts, no alerts on them");
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One round over every node; a failure with one node never stops the others' samples. */
    void scrapeAll() {
        try {
            List<NodeRecord> all = nodes.all();
            List<Long> ids = all.stream().map(NodeRecord::id).toList();
            history.retain(ids);
            stored.retain(ids);
            List<CompletableFuture<NodeSample>> scrapes = all.stream().map(this::scrape).toList();
            CompletableFuture.allOf(scrapes.toArray(CompletableFuture[]::new)).join();
            List<NodeSample> round = scrapes.stream().map(CompletableFuture::join).toList();
            round.forEach(history::add);
            up.register(all.stream().flatMap(n -> history.latest(n.id()).stream())
                    .map(s -> MultiGauge.Row.of(Tags.of("consortium", Long.toString(s.consortiumId()), "node",
                            s.nodeId()), s.up() ? 1 : 0)).toList(), true);
            stored.record(round, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Scraping node metrics failed: {}", e.toString()); // e.g. the database is closing
        }
    }

    CompletableFuture<NodeSample> scrape(NodeRecord node) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node.host() + ":" + node.metricsPort()
                + "/metrics")).timeout(properties.scrapeTimeout()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    var at = clock.instant();
                    if (error != null || response.statusCode() != 200) {
                        return NodeSample.down(node.id(), node.nodeId(), node.consortiumId(), at);
                    }
                    try {
                        return MetricsReading.sample(node, at, response.body());
                    } catch (RuntimeException e) {
                        LOG.debug("Unreadable metrics of node {}", node.nodeId(), e);
                        return NodeSample.down(node.id(), node.nodeId(), node.consortiumId(), at);
                    }
                });
    }
}
