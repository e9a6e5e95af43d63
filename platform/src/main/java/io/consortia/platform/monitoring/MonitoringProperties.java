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
 * @param persisted the downsampled history written to the platform's database, which the charts
 *        read after a platform restart
 */
@ConfigurationProperties("consortia.monitoring")
public record MonitoringProperties(
        @DefaultValue("10s") Duration scrapeInterval,
        @DefaultValue("3s") Duration scrapeTimeout,
        @DefaultValue("1h") Duration retention,
        @DefaultValue("true") boolean enabled,
        @DefaultValue Logs logs,
        @DefaultValue Persisted persisted) {

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

    /** The longest window the charts can draw: the memory's, or the database's when it keeps more. */
    Duration chartable() {
        return persisted.retention().compareTo(retention) > 0 ? persisted.retention() : retention;
    }

    /**
     * How far apart two samples of a node may be before a chart breaks its lines between them
     * (the platform was down): two steps of the coarsest history a chart reads (the database's one
     * sample a minute, when kept), so a late scrape or the step between the two histories does not.
     */
    Duration chartGap() {
        Duration step = persisted.enabled() && persisted.step().compareTo(scrapeInterval) > 0 ? persisted.step()
                : scrapeInterval;
        return step.multipliedBy(2);
    }

    /**
     * @param retention how long the database keeps a node's samples; older ones are deleted. 0 writes
     *        none (the charts start empty after a restart)
     * @param step one sample per node per step is written (the first of each step), so a day is
     *        1440 rows per node at the default
     */
    public record Persisted(@DefaultValue("24h") Duration retention, @DefaultValue("1m") Duration step) {
        public Persisted {
            if (retention.isNegative()) {
                throw new IllegalArgumentException("consortia.monitoring.persisted.retention must not be negative, was "
                        + retention);
            }
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("consortia.monitoring.persisted.step must be positive, was " + step);
            }
            if (!retention.isZero() && retention.compareTo(step) < 0) {
                throw new IllegalArgumentException("consortia.monitoring.persisted.retention (" + retention
                        + ") must be 0 or at least the step (" + step + ")");
            }
        }

        boolean enabled() {
            return !retention.isZero();
        }
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
