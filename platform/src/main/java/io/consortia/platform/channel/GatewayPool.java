package io.consortia.platform.channel;

import io.consortia.platform.deploy.NodeRecord;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Identity;
import io.grpc.Status;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps SDK gateways open between REST calls. Opening one per call cost a TLS handshake and an
 * HTTP/2 connection per request, and every transaction then carried its signer's whole
 * certificate: the SDK names a registered certificate by id only on a gateway that has already
 * seen a commit.
 *
 * <p>A gateway is shared by the calls with the same consortium, organisation, signing certificate
 * and endpoints; a changed certificate or node list simply makes a new one. Callers take a
 * {@link Lease} and close it; a gateway is closed once it is evicted (idle longer than
 * {@code idleTimeout}, or least recently used beyond {@code maxGateways}) and no lease holds it,
 * so a call in progress is never cut off. Private keys stay in memory as long as their gateway
 * is open, which is why idle gateways are closed.
 */
public final class GatewayPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayPool.class);

    /** What makes two calls able to share a gateway; endpoint order counts (they are tried in order). */
    record Key(long consortiumId, long organizationId, String certificateSha256, List<String> endpoints) {}

    private final int maxGateways;
    private final Duration idleTimeout;
    private final Clock clock;
    /** Access order: the first entry is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<Key, Pooled> open = new LinkedHashMap<>(16, 0.75f, true);
    private long opened;
    private boolean closed;

    public GatewayPool(int maxGateways, Duration idleTimeout, Clock clock, MeterRegistry meters) {
        if (maxGateways < 1) {
            throw new IllegalArgumentException("maxGateways must be at least 1, was " + maxGateways);
        }
        this.maxGateways = maxGateways;
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (meters != null) {
            Gauge.builder("consortia.platform.gateways.open", this, GatewayPool::size)
                    .description("Connections to nodes kept open between calls").register(meters);
            FunctionCounter.builder("consortia.platform.gateways.opened", this, GatewayPool::opened)
                    .description("Connections to nodes opened since start").register(meters);
        }
    }

    /**
     * A lease on the shared gateway for these parameters, opened with {@code opener} if there is
     * none. Close the lease, not the gateway.
     */
    public Lease lease(long consortiumId, long organizationId, Identity identity, List<NodeRecord> endpoints,
            Supplier<Gateway> opener) {
        Key key = new Key(consortiumId, organizationId, fingerprint(identity),
                endpoints.stream().map(n -> n.host() + ":" + n.apiPort()).toList());
        synchronized (this) {
            Pooled pooled = open.get(key);
            if (pooled != null) {
                return take(pooled);
            }
            requireOpen();
        }
        // Opened outside the lock (it builds TLS contexts): other calls need not wait for it.
        Gateway fresh = opener.get();
        List<Pooled> evicted = new ArrayList<>();
        Gateway surplus = null;
        Lease lease;
        synchronized (this) {
            if (closed) {
                surplus = fresh;
                lease = null;
            } else {
                Pooled pooled = open.get(key);
                if (pooled == null) {
                    pooled = new Pooled(key, fresh);
                    open.put(key, pooled);
                    opened++;
                } else {
                    surplus = fresh; // another call opened one meanwhile
                }
                lease = take(pooled);
                while (open.size() > maxGateways) {
                    Map.Entry<Key, Pooled> eldest = open.entrySet().iterator().next();
                    open.remove(eldest.getKey());
                    evicted.add(eldest.getValue());
                }
            }
        }
        if (surplus != null) {
            closeQuietly(surplus);
        }
        evicted.forEach(this::retire);
        if (lease == null) {
            throw new IllegalStateException("the gateway pool is closed");
        }
        return lease;
    }

    /** Caller holds the lock. */
    private Lease take(Pooled pooled) {
        pooled.users++;
        pooled.lastUsedMillis = clock.millis();
        return new Lease(pooled);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the gateway pool is closed");
        }
    }

    /** Closes the gateways idle for longer than the idle timeout; called periodically. */
    public void evictIdle() {
        long cutoff = clock.millis() - idleTimeout.toMillis();
        List<Pooled> evicted = new ArrayList<>();
        synchronized (this) {
            open.values().removeIf(p -> {
                boolean idle = p.users == 0 && p.lastUsedMillis < cutoff;
                if (idle) {
                    evicted.add(p);
                }
                return idle;
            });
        }
        evicted.forEach(this::retire);
    }

    /** Gateways open now. */
    public synchronized int size() {
        return open.size();
    }

    /** Gateways opened since start. */
    public synchronized long opened() {
        return opened;
    }

    @Override
    public void close() {
        List<Pooled> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(this::retire);
    }

    private void retire(Pooled pooled) {
        boolean closeNow;
        synchronized (this) {
            pooled.retired = true;
            closeNow = pooled.users == 0;
        }
        if (closeNow) {
            closeQuietly(pooled.gateway);
        }
    }

    private void release(Pooled pooled) {
        boolean closeNow;
        synchronized (this) {
            pooled.users--;
            pooled.lastUsedMillis = clock.millis();
            closeNow = pooled.retired && pooled.users == 0;
        }
        if (closeNow) {
            closeQuietly(pooled.gateway);
        }
    }

    private static void closeQuietly(Gateway gateway) {
        try {
            gateway.close();
        } catch (RuntimeException e) {
            LOG.warn("closing a pooled gateway failed: {}", e.toString());
        }
    }

    private static String fingerprint(Identity identity) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.certificate().getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the certificate of " + identity, e);
        }
    }

    /** Whether a call failed because no node answered (rather than with the node's answer). */
    static boolean unreachable(GatewayException e) {
        return e.status().map(s -> s.getCode() == Status.Code.UNAVAILABLE
                || s.getCode() == Status.Code.DEADLINE_EXCEEDED).orElse(false);
    }

    /** Takes a gateway out of the pool, closing it once its last lease ends. */
    private void invalidate(Pooled pooled) {
        synchronized (this) {
            open.remove(pooled.key, pooled);
        }
        retire(pooled);
    }

    private static final class Pooled {
        final Key key;
        final Gateway gateway;
        int users;
        long lastUsedMillis;
        boolean retired;

        Pooled(Key key, Gateway gateway) {
            this.key = key;
            this.gateway = Objects.requireNonNull(gateway, "opener returned null");
        }
    }

    /** The right to use a pooled gateway until closed. */
    public final class Lease implements AutoCloseable {
        private final Pooled pooled;
        private boolean released;

        private Lease(Pooled pooled) {
            this.pooled = pooled;
        }

        public Gateway gateway() {
            return pooled.gateway;
        }

        /**
         * Runs {@code work} on the gateway. When it fails because no node answered, the gateway is
         * dropped from the pool, so that the next call opens a new one rather than waiting out the
         * old connections' reconnect back-off; the exception propagates either way.
         */
        public <T> T call(Function<Gateway, T> work) {
            try {
                return work.apply(pooled.gateway);
            } catch (GatewayException e) {
                if (unreachable(e)) {
                    invalidate(pooled);
                }
                throw e;
            }
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(pooled);
            }
        }
    }
}
