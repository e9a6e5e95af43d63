package io.consortia.platform.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the platform's Prometheus metrics, prefix {@code consortia.metrics}.
 *
 * @param scrapeToken the bearer token a scraper sends ({@code Authorization: Bearer <token>}); unset, only
 *        this host may scrape (a request from loopback that no proxy forwarded). A secret: never logged.
 */
@ConfigurationProperties("consortia.metrics")
public record MetricsAccessProperties(String scrapeToken) {

    public MetricsAccessProperties {
        if (scrapeToken != null && !scrapeToken.isEmpty() && scrapeToken.length() < 16) {
            throw new IllegalArgumentException("consortia.metrics.scrape-token must be at least 16 characters");
        }
        scrapeToken = scrapeToken == null || scrapeToken.isEmpty() ? null : scrapeToken;
    }

    @Override
    public String toString() {
        return "MetricsAccessProperties[scrapeToken=" + (scrapeToken == null ? "unset" : "set") + "]";
    }
}
