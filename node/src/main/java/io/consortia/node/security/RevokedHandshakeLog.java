package io.consortia.node.security;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line when a TLS peer presents a revoked certificate, naming it (subject, serial,
 * issuer: public facts, never key material), at most once a minute per certificate: whoever
 * holds a revoked key may retry in a loop, and the node's log must stay readable. The next line
 * says how many refusals of that certificate it left out.
 */
final class RevokedHandshakeLog {
    static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Certificates remembered at most: beyond it, those not logged within the period are forgotten. */
    static final int MAX_TRACKED = 1024;

    private static final Logger DEFAULT = LoggerFactory.getLogger(RevokedHandshakeLog.class);

    private record Seen(long loggedAt, long suppressed) {}

    private final Logger log;
    private final LongSupplier nanoClock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    RevokedHandshakeLog() {
        this(DEFAULT, System::nanoTime);
    }

    RevokedHandshakeLog(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
    }

    /** @param peer "client" or "server": the side of the handshake that presented the certificate */
    void refused(String peer, X509Certificate certificate, Instant revokedAt, String reason) {
        String key = certificate.getIssuerX500Principal().getName() + "#" + certificate.getSerialNumber();
        long now = nanoClock.getAsLong();
        long[] left = {-1};
        seen.compute(key, (k, previous) -> {
            if (previous != null && now - previous.loggedAt() < PERIOD_NANOS) {
                return new Seen(previous.loggedAt(), previous.suppressed() + 1);
            }
            left[0] = previous == null ? 0 : previous.suppressed();
            return new Seen(now, 0);
        });
        if (left[0] < 0) {
            return;
        }
        log.warn("TLS handshake refused: the {} presented revoked certificate serial {} of {} issued by {} "
                        + "(revoked {}{}){}", peer, certificate.getSerialNumber().toString(16),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                revokedAt, reason == null || reason.isBlank() ? "" : ": " + printable(reason),
                left[0] > 0 ? "; " + left[0] + " more refusals of it in the last minute were not logged" : "");
        if (seen.size() > MAX_TRACKED) {
            seen.entrySet().removeIf(e -> now - e.getValue().loggedAt() >= PERIOD_NANOS);
        }
    }

    /** The reason comes from a channel configuration: one line, of bounded length, whatever it holds. */
    private static String printable(String reason) {
        String line = reason.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
