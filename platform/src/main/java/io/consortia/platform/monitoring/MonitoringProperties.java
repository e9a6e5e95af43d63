package io.consortia.platform.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Monitoring configuration, prefix {@code consortia.monitoring}.
 *
 * @param scrapeInterval how often every node's {@code /metrics} is read
 * @param scrapeTimeout how long one node may take to answer before its sample says up=false
 * @param retention how much history is kept in memory per node (older samples are dropped)
 * @param enabled false stops scraping altogether (tests that do not need it; a platform that
 *        leaves monitoring to its own Prometheus)
 * @param logs how log searches read the nodes' logs
 */
@ConfigurationProperties("consortia.monitoring")
public record MonitoringProperties(
        @DefaultValue("10s") Duration scrapeInterval,
        @DefaultValue("3s") Duration scrapeTimeout,
        @DefaultValue("1h") Duration retention,
        @DefaultValue("true") boolean enabled,
        @DefaultValue Logs logs) {

    public MonitoringProperties {
        if (scrapeInterval.isNegative() || scrapeInterval.isZero()) {
            throw new IllegalArgumentException("consortia.monitoring.scrape-interval must be positive, was "
                    + scrapeInterval);
        }
        if (scrapeTimeout.isNegative() || scrapeTimeout.isZero()) {
            throw new IllegalArgumentException("consortia.monitoring.scrape-timeout must be positive, was "
                    + scrapeTimeout);
        }
        if (retention.compareTo(scrapeInterval) < 0) {
            throw new IllegalArgumentException("consortia.monitoring.retention (" + retention
                    + ") must be at least the scrape interval (" + scrapeInterval + ")");
        }
    }

    /** Samples kept per node: the retention's worth of scrapes, and one more for the rate at its start. */
    int capacity() {
        return (int) Math.min(100_000, retention.toMillis() / scrapeInterval.toMillis() + 1);
    }

    /**
     * @param linesPerNode the newest lines of each node's log a search reads
     * @param maxResults matching lines returned at most (the newest), across the nodes
     */
    public record Logs(@DefaultValue("20000") int linesPerNode, @DefaultValue("1000") int maxResults) {
        public Logs {
            if (linesPerNode < 1 || maxResults < 1) {
                throw new IllegalArgumentException("consortia.monitoring.logs: lines-per-node and max-results "
                        + "must be at least 1");
            }
        }
    }
}
