package io.consortia.platform.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.gateway.AccessKey;
import io.consortia.platform.gateway.Application;
import io.consortia.platform.gateway.ApplicationService;
import io.consortia.platform.system.WebhookClient;
import io.consortia.platform.system.WebhookDestinations;
import io.consortia.protocol.v1.Block;
import io.consortia.sdk.gateway.RequestSigner;
import io.consortia.sdk.gateway.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivers each active subscription's events by webhook, in order: one event at a time, the
 * next only after the receiver acknowledged the previous with a 2xx. A failed attempt is
 * recorded and retried after an exponential backoff (consortia.events.retry-*) — never given
 * up — with the same delivery id. The cursor moves, in the database, only on a 2xx, so after a
 * crash or restart delivery resumes at the first unacknowledged event (which the receiver may
 * then see twice, under the same delivery id: at least once).
 */
@Component
class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Blocks looked through, and events delivered, per subscription in one round: others get their turn. */
    private static final int BLOCKS_PER_ROUND = 200;
    private static final int EVENTS_PER_ROUND = 100;
    /** How often subscriptions the platform paused are checked for their organisation's return. */
    private static final long REJOIN_CHECK_MILLIS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SubscriptionRepository repository;
    private final ApplicationService applications;
    private final ChannelService channels;
    private final ConsortiumService consortia;
    private final BlockSource blocks;
    private final EventAccess access;
    private final EventProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private long rejoinCheckedAt;
    private final WebhookClient http;
    private ScheduledExecutorService ticker;
    private ExecutorService workers;

    WebhookDispatcher(SubscriptionRepository repository, ApplicationService applications, ChannelService channels,
            ConsortiumService consortia, BlockSource blocks, EventAccess access, EventProperties properties,
            WebhookDestinations destinations) {
        this.repository = repository;
        this.applications = applications;
        this.channels = channels;
        this.consortia = consortia;
        this.blocks = blocks;
        this.access = access;
        this.properties = properties;
        this.http = new WebhookClient(destinations, properties.requestTimeout());
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!properties.delivery() || ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-ticker"));
        workers = Executors.newFixedThreadPool(properties.workers(), r -> daemon(r, "webhook-delivery"));
        long every = properties.pollInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        workers.shutdown();
        try {
            // a delivery under way finishes (bounded by the request timeout); its cursor is then saved
            if (!workers.awaitTermination(properties.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ticker = null;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private void tick() {
        try {
            if (clock.millis() - rejoinCheckedAt >= REJOIN_CHECK_MILLIS) {
                rejoinCheckedAt = clock.millis();
                resumeRejoined();
            }
            for (Subscription subscription : repository.due(clock.millis())) {
                if (inFlight.add(subscription.id())) {
                    try {
                        workers.execute(() -> {
                            try {
                                round(subscription.id());
                            } finally {
                                inFlight.remove(subscription.id());
                            }
                        });
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        inFlight.remove(subscription.id());
                        return; // shutting down
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Webhook round failed; trying again in {}", properties.pollInterval(), e);
        }
    }

    /**
     * Resumes the subscriptions the platform paused whose organisation is a member of their channel
     * and consortium again, at their cursor. The events committed while it was away are delivered
     * too: that leaks nothing, because a member reads the channel's whole ledger (the nodes decide
     * by the configuration in force, not by when a block was made; an organisation that joins late
     * may subscribe from block 0), so the organisation back in the channel could read them anyway.
     * A subscription an admin paused is left alone.
     */
    void resumeRejoined() {
        for (Subscription subscription : repository.pausedByPlatform()) {
            Application application = applications.applicationById(subscription.applicationId()).orElse(null);
            if (application == null || access.membershipLost(application, subscription.channelId()).isPresent()) {
                continue;
            }
            if (repository.resumeByPlatform(subscription.id())) {
                LOG.info("Subscription {} resumed at {}: its organisation is a member of channel {} again",
                        subscription.id(), subscription.cursor().id(), subscription.channel());
            }
        }
    }

    /** Delivers what is due for one subscription, until it is caught up, fails, or had its share. */
    void round(long subscriptionId) {
        Optional<Subscription> loaded = repository.get(subscriptionId);
        if (loaded.isEmpty() || !loaded.get().active() || loaded.get().nextAttemptAt() > clock.millis()) {
            return;
        }
        Subscription subscription = loaded.get();
        Application application = applications.applicationById(subscription.applicationId()).orElse(null);
        ChannelRecord channel = channels.byId(subscription.channelId()).orElse(null);
        if (application == null || channel == null || !"ACTIVE".equals(channel.status())) {
            return;
        }
        ConsortiumStatus network = consortia.get(channel.consortiumId()).status();
        if (network != ConsortiumStatus.RUNNING && network != ConsortiumStatus.DEPLOYING) {
            return; // a stopped network: nothing can commit, and asking its nodes every tick only fails
        }
        Optional<String> lost = access.membershipLost(application, channel.id());
        if (lost.isPresent()) {
            // paused, not retried: only a change of membership helps (resumeRejoined notices it), and an admin's
            // resume is checked again
            String reason = SubscriptionService.PAUSED_BY_PLATFORM + lost.get();
            repository.pause(subscription.id(), reason);
            LOG.info("Subscription {} paused: {}", subscription.id(), reason);
            return;
        }
        EventFilter filter = subscription.filter();
        Position cursor = subscription.cursor();
        int delivered = 0;
        int failures = subscription.attempts();
        try {
            for (int scanned = 0; scanned < BLOCKS_PER_ROUND && delivered < EVENTS_PER_ROUND; scanned++) {
                Optional<Block> block = blocks.block(channel, application.organizationId(), cursor.block());
                if (block.isEmpty()) {
                    return; // caught up: the next block is not committed yet
                }
                for (AppEvent event : filter.eventsOf(block.get())) {
                    if (event.position().compareTo(cursor) < 0) {
                        continue; // acknowledged before
                    }
                    if (!deliver(subscription, application, channel, event, failures + 1)) {
                        return;
                    }
                    failures = 0;
                    cursor = event.position().next();
                    repository.advance(subscription.id(), cursor, 1);
                    delivered++;
                }
                cursor = Position.startOf(cursor.block() + 1);
                repository.advance(subscription.id(), cursor, 0);
            }
        } catch (RuntimeException e) {
            // the nodes did not answer: not the receiver's failure, so no attempt is counted; the next tick tries again
            LOG.debug("Cannot read channel {} for subscription {} yet: {}", channel.name(), subscriptionId,
                    e.getMessage());
        } finally {
            if (delivered > 0) {
                repository.prune(subscriptionId, properties.historyKept());
            }
        }
    }

    /** One attempt at one event; true when the receiver acknowledged it with 2xx. */
    private boolean deliver(Subscription subscription, Application application, ChannelRecord channel,
            AppEvent event, int attempt) {
        String deliveryId = DeliveryIds.of(subscription.id(), event.position());
        long started = clock.millis();
        long now = started;
        List<AccessKey> keys = applications.keysOf(application.id());
        Optional<AccessKey> key = SubscriptionService.signingKey(keys, subscription, now);
        if (key.isEmpty()) {
            return failed(subscription, deliveryId, event, attempt, null,
                    "The application has no active access key to sign with; issue one", started);
        }
        byte[] body = body(subscription, application, channel, event, deliveryId);
        String date = RequestSigner.date(clock.instant());
        String signature = WebhookSignature.sign(applications.openSecretKey(key.get()), date, deliveryId, body);
        URI url;
        try {
            url = URI.create(subscription.url());
        } catch (IllegalArgumentException e) {
            return failed(subscription, deliveryId, event, attempt, null, "Bad URL: " + e.getMessage(), started);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Consortia-Webhooks/1");
        headers.put("X-Consortia-Delivery", deliveryId);
        headers.put("X-Consortia-Event", event.kind().name());
        headers.put("X-Consortia-Subscription", Long.toString(subscription.id()));
        headers.put("X-Consortia-Date", date);
        headers.put("X-Consortia-Signature", WebhookSignature.header(key.get().accessKeyId(), signature));
        int status;
        try {
            // the destination is checked at every attempt, not only when the subscription was made (a name may
            // resolve elsewhere now), by the lookup the connection then uses
            status = http.post(url, headers, body, properties.requestTimeout());
        } catch (WebhookClient.RefusedDestination e) {
            return failed(subscription, deliveryId, event, attempt, null, "Destination refused: " + e.getMessage(),
                    started);
        } catch (IllegalArgumentException e) {
            return failed(subscription, deliveryId, event, attempt, null, "Bad URL: " + e.getMessage(), started);
        } catch (IOException e) {
            return failed(subscription, deliveryId, event, attempt, null, describe(e), started);
        }
        if (status / 100 != 2) {
            return failed(subscription, deliveryId, event, attempt, status, "The receiver answered " + status, started);
        }
        repository.record(subscription.id(), deliveryId, event.position(), attempt, status, null, true, started,
                clock.millis() - started);
        return true;
    }

    private boolean failed(Subscription subscription, String deliveryId, AppEvent event, int attempt, Integer status,
            String error, long started) {
        long now = clock.millis();
        repository.record(subscription.id(), deliveryId, event.position(), attempt, status, error, false, started,
                now - started);
        repository.failed(subscription.id(), attempt, now + properties.backoff(attempt).toMillis(),
                "Event " + event.position().id() + ", attempt " + attempt + ": " + error);
        LOG.info("Webhook of subscription {} (event {}) failed, attempt {}: {}; retrying in {}", subscription.id(),
                event.position().id(), attempt, error, properties.backoff(attempt));
        return false;
    }

    private static String describe(IOException e) {
        String kind = e instanceof java.net.SocketTimeoutException ? "Timed out" : e instanceof java.net.ConnectException
                ? "Connection refused" : e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }

    /** The JSON body of a webhook: the envelope and the event. */
    static byte[] body(Subscription subscription, Application application, ChannelRecord channel, AppEvent event,
            String deliveryId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", deliveryId);
        body.put("subscriptionId", subscription.id());
        body.put("application", application.name());
        body.put("kind", event.kind().name());
        body.put("channel", channel.name());
        body.put("position", event.position().id());
        body.put("event", event.data());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an event as JSON", e);
        }
    }
}
