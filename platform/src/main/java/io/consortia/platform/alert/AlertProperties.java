package io.consortia.platform.alert;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerting configuration, prefix {@code consortia.alerts}.
 *
 * @param enabled whether the evaluator runs (tests that do not need it turn it off)
 * @param interval how often every consortium's rules are evaluated
 * @param defaultRules whether a consortium gets the default rules once, when the evaluator first sees it
 * @param webhook how webhooks are delivered
 * @param mail the SMTP server e-mail notifications go through; without a host, e-mail channels cannot be created
 */
@ConfigurationProperties("consortia.alerts")
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15s") Duration interval,
        @DefaultValue("true") boolean defaultRules,
        @DefaultValue Webhook webhook,
        @DefaultValue Mail mail) {

    public AlertProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("consortia.alerts.interval must be positive, was " + interval);
        }
    }

    /**
     * @param timeout connect and answer timeout of one attempt
     * @param attempts attempts per delivery before it is FAILED
     * @param backoff the wait before the second attempt; doubled before each further one
     */
    public record Webhook(@DefaultValue("10s") Duration timeout, @DefaultValue("5") int attempts,
            @DefaultValue("2s") Duration backoff) {
        public Webhook {
            if (attempts < 1) {
                throw new IllegalArgumentException("consortia.alerts.webhook.attempts must be at least 1, was " + attempts);
            }
        }
    }

    /** How the SMTP connection is secured. */
    public enum Tls {
        /** Plain SMTP (a relay on a trusted network only). */
        NONE,
        /** Upgrade with STARTTLS; refuse to send if the server does not offer it. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        IMPLICIT
    }

    /**
     * @param host SMTP server; empty means e-mail is off
     * @param port SMTP port
     * @param from the sender address
     * @param tls NONE, STARTTLS (default) or IMPLICIT
     * @param user user name for SMTP AUTH; empty for none
     * @param password its password: never logged, never in an answer
     * @param attempts attempts per delivery before it is FAILED
     */
    public record Mail(@DefaultValue("") String host, @DefaultValue("25") int port,
            @DefaultValue("consortia-alerts@localhost") String from, @DefaultValue("STARTTLS") Tls tls,
            @DefaultValue("") String user, @DefaultValue("") String password, @DefaultValue("3") int attempts) {

        public boolean configured() {
            return !host.isBlank();
        }

        @Override
        public String toString() { // the password stays out of logs and error messages
            return "Mail[host=" + host + ", port=" + port + ", from=" + from + ", tls=" + tls + ", user=" + user
                    + ", password=" + (password.isEmpty() ? "" : "***") + "]";
        }
    }
}
