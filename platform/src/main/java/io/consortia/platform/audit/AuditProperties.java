package io.consortia.platform.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit configuration, prefix {@code consortia.audit}.
 *
 * @param anchor where and how often the chain's head is notarized
 */
@ConfigurationProperties("consortia.audit")
public record AuditProperties(@DefaultValue Anchor anchor) {

    /**
     * The head is notarized (contract {@code notarization}) on channel {@code channel} of
     * consortium {@code consortiumId}, signed with the custodial admin identity of
     * {@code organizationId} (default: the channel's first organisation). Without a consortium
     * nothing is notarized on schedule; a platform admin may still notarize on demand, naming the channel.
     *
     * @param consortiumId the consortium, or empty for none
     * @param channel the channel's name
     * @param organizationId the signing organisation, or empty for the channel's first
     * @param interval how often; a head already notarized is not notarized again
     */
    public record Anchor(Long consortiumId, @DefaultValue("main") String channel, Long organizationId,
            @DefaultValue("1h") Duration interval) {
        public Anchor {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("consortia.audit.anchor.interval must be positive, was " + interval);
            }
        }
    }
}
