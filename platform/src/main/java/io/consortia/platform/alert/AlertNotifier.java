package io.consortia.platform.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.platform.custody.SecretSeal;
import io.consortia.platform.system.WebhookClient;
import io.consortia.platform.system.WebhookDestinations;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends an alert's events (OPENED, RESOLVED) to every notification channel of its consortium,
 * off the evaluator's thread. Each delivery is recorded (PENDING, then DELIVERED or FAILED with
 * the receiver's answer) and retried with a doubling wait; its delivery id stays the same
 * across attempts, so a receiver that answered too late de-duplicates on it.
 */
@Component
class AlertNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlertRepository repository;
    private final SecretSeal seal;
    private final AlertProperties properties;
    private final WebhookClient http;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "alert-notifier");
        thread.setDaemon(true);
        return thread;
    });

    AlertNotifier(AlertRepository repository, SecretSeal seal, AlertProperties properties,
            WebhookDestinations destinations) {
        this.repository = repository;
        this.seal = seal;
        this.properties = properties;
        this.http = new WebhookClient(destinations, properties.webhook().timeout());
    }

    /** Queues the event's delivery to each of the consortium's channels. */
    void notify(Alert alert, String event, String consortiumName) {
        for (NotificationChannel channel : repository.channels(alert.consortiumId())) {
            String deliveryId = "dlv_" + UUID.randomUUID().toString().replace("-", "");
            long id = repository.insertDelivery(deliveryId, alert.id(), channel.id(), event);
            executor.execute(() -> attempt(id, deliveryId, channel, alert, event, consortiumName, 1));
        }
    }

    /** Sends a test notification to one channel, now, and answers with the outcome. */
    String test(NotificationChannel channel, String consortiumName) throws Exception {
        Alert sample = new Alert(0, channel.consortiumId(), 0, RuleKind.NODE_DOWN, RuleKind.Severity.WARNING,
                "test", "A test notification from the Consortia platform: this channel works", "TEST",
                System.currentTimeMillis(), null, null, null, null, null, List.of());
        return send(channel, "dlv_test_" + UUID.randomUUID().toString().replace("-", ""), sample, "TEST",
                consortiumName);
    }

    private void attempt(long id, String deliveryId, NotificationChannel channel, Alert alert, String event,
            String consortiumName, int attempt) {
        int max = channel.type() == NotificationChannel.Type.WEBHOOK ? properties.webhook().attempts()
                : properties.mail().attempts();
        try {
            String outcome = send(channel, deliveryId, alert, event, consortiumName);
            repository.attempted(id, attempt, "DELIVERED", outcome, System.currentTimeMillis());
        } catch (Exception e) {
            String outcome = "attempt " + attempt + ": " + describe(e);
            if (attempt >= max) {
                repository.attempted(id, attempt, "FAILED", outcome, System.currentTimeMillis());
                LOG.warn("Alert {} {}: delivery {} to channel {} failed after {} attempts: {}", alert.id(), event,
                        deliveryId, channel.name(), attempt, describe(e));
                return;
            }
            repository.attempted(id, attempt, "PENDING", outcome, null);
            long wait = properties.webhook().backoff().toMillis() << Math.min(attempt - 1, 10);
            executor.schedule(() -> attempt(id, deliveryId, channel, alert, event, consortiumName, attempt + 1), wait,
                    TimeUnit.MILLISECONDS);
        }
    }

    private String send(NotificationChannel channel, String deliveryId, Alert alert, String event,
            String consortiumName) throws Exception {
        return switch (channel.type()) {
            case WEBHOOK -> webhook(channel, deliveryId, alert, event, consortiumName);
            case EMAIL -> {
                if (!properties.mail().configured()) {
                    throw new IllegalStateException("e-mail is not configured on this platform (consortia.alerts.mail.host)");
                }
                yield new MailSender(properties.mail()).send(channel.recipients(), subject(alert, event, consortiumName),
                        text(alert, event, consortiumName), deliveryId);
            }
        };
    }

    private String webhook(NotificationChannel channel, String deliveryId, Alert alert, String event,
            String consortiumName) throws Exception {
        String secret = new String(seal.open(repository.sealedSecret(channel.id()),
                AlertService.sealContext(channel.consortiumId(), channel.name())), StandardCharsets.UTF_8);
        String body = payload(deliveryId, alert, event, consortiumName);
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Consortia-Alerts/1");
        headers.put(WebhookSignature.DELIVERY_HEADER, deliveryId);
        headers.put(WebhookSignature.EVENT_HEADER, event);
        headers.put(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp));
        headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
        int status;
        try {
            // checked again at every delivery (the name may resolve elsewhere than when the channel was made),
            // by the very lookup the connection uses; the answer's body is neither read nor shown
            status = http.post(URI.create(channel.url()), headers, body.getBytes(StandardCharsets.UTF_8),
                    properties.webhook().timeout());
        } catch (WebhookClient.RefusedDestination e) {
            throw new IllegalStateException("Destination refused: " + e.getMessage());
        }
        String answer = "HTTP " + status;
        if (status / 100 != 2) {
            throw new IllegalStateException(answer);
        }
        return answer;
    }

    /** The webhook's JSON body (documented in docs/alerts.md). */
    static String payload(String deliveryId, Alert alert, String event, String consortiumName)
            throws JsonProcessingException {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", alert.id());
        a.put("kind", alert.kind().name());
        a.put("severity", alert.severity().name());
        a.put("target", alert.target());
        a.put("summary", alert.summary());
        a.put("status", alert.status());
        a.put("openedAt", Instant.ofEpochMilli(alert.openedAt()).toString());
        a.put("acknowledgedBy", alert.acknowledgedBy());
        a.put("resolvedAt", alert.resolvedAt() == null ? null : Instant.ofEpochMilli(alert.resolvedAt()).toString());
        a.put("resolution", alert.resolution());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", deliveryId);
        body.put("event", event);
        body.put("consortium", Map.of("id", alert.consortiumId(), "name", consortiumName));
        body.put("alert", a);
        return JSON.writeValueAsString(body);
    }

    static String subject(Alert alert, String event, String consortiumName) {
        String what = "RESOLVED".equals(event) ? "Resolved" : "TEST".equals(event) ? "Test" : alert.severity().name();
        return "[Consortia] " + what + ": " + alert.kind() + " " + alert.target() + " (" + consortiumName + ")";
    }

    static String text(Alert alert, String event, String consortiumName) {
        StringBuilder text = new StringBuilder();
        text.append("Consortium: ").append(consortiumName).append('\n');
        text.append("Alert ").append(alert.id()).append(": ").append(alert.kind()).append(" (")
                .append(alert.severity()).append(")\n");
        text.append("Target: ").append(alert.target()).append('\n');
        text.append("Event: ").append(event).append('\n');
        text.append("Opened: ").append(Instant.ofEpochMilli(alert.openedAt())).append('\n');
        if (alert.resolvedAt() != null) {
            text.append("Resolved: ").append(Instant.ofEpochMilli(alert.resolvedAt())).append(" (")
                    .append(alert.resolution()).append(")\n");
        }
        text.append('\n').append(alert.summary()).append('\n');
        return text.toString();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @PreDestroy
    void stop() throws java.io.IOException {
        executor.shutdownNow();
        http.close();
    }
}
