package io.consortia.platform.alert;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.SecretSeal;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.WebhookDestinations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A consortium's alert rules, alerts and notification channels: everyone who sees the
 * consortium reads them; its member organisations' admins change them ({@link AlertPolicy}).
 */
@Service
public class AlertService {
    // letters and digits of any script: an operations team names its channel "运维通知"
    static final String CHANNEL_NAME = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}";
    private static final String EMAIL = "[^@\\s,]{1,64}@[A-Za-z0-9.-]{1,190}";
    static final int MAX_RECIPIENTS = 20;
    static final int LIST_LIMIT = 500;
    private final WebhookDestinations destinations;
    private final AlertRepository repository;
    private final ConsortiumService consortia;
    private final SecretSeal seal;
    private final AlertProperties properties;
    private final AlertNotifier notifier;
    private final SecureRandom random = new SecureRandom();

    AlertService(AlertRepository repository, ConsortiumService consortia, SecretSeal seal, AlertProperties properties,
            AlertNotifier notifier, WebhookDestinations destinations) {
        this.destinations = destinations;
        this.repository = repository;
        this.consortia = consortia;
        this.seal = seal;
        this.properties = properties;
        this.notifier = notifier;
    }

    /** What a rule is set to; null fields take the kind's defaults. */
    public record RuleSettings(RuleKind kind, Long threshold, Long windowSeconds, Long forSeconds, Boolean enabled) {}

    /** A new channel: a webhook URL or e-mail recipients. */
    public record ChannelSettings(String name, NotificationChannel.Type type, String url, List<String> recipients,
            String secret) {}

    /** A channel as created: the only time a webhook's signing secret is shown. */
    public record CreatedChannel(NotificationChannel channel, String secret) {}

    public boolean canManage(Caller caller, long consortiumId) {
        return AlertPolicy.canManage(caller, consortia.memberIds(consortiumId));
    }

    // --- rules

    public List<AlertRule> rules(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        return repository.rules(consortiumId);
    }

    @Transactional
    public AlertRule createRule(Caller caller, long consortiumId, RuleSettings settings) {
        requireManager(caller, consortiumId);
        if (settings.kind() == null) {
            throw InvalidFields.field("kind", "is required: one of " + List.of(RuleKind.values()));
        }
        RuleKind kind = settings.kind();
        long threshold = threshold(kind, settings.threshold() == null ? kind.defaultThreshold() : settings.threshold());
        long window = window(kind, settings.windowSeconds() == null ? kind.defaultWindow() : settings.windowSeconds());
        long forSeconds = forSeconds(settings.forSeconds() == null ? kind.defaultFor() : settings.forSeconds());
        // the same rule twice raises every alert twice (a tester's Add rule with the form as it was made a second
        // "Node down"): refused, naming the rule there is
        for (AlertRule existing : repository.rules(consortiumId)) {
            if (existing.kind() == kind && existing.threshold() == threshold && existing.windowSeconds() == window
                    && existing.forSeconds() == forSeconds) {
                throw PlatformException.conflict("Rule " + existing.id() + " is already a " + kind + " rule with these "
                        + "settings (threshold " + threshold + ", window " + window + " s, for " + forSeconds
                        + " s); change that one, or give other settings");
            }
        }
        long id = repository.insertRule(consortiumId, kind, threshold, window, forSeconds,
                settings.enabled() == null || settings.enabled(), caller.username());
        return repository.rule(id).orElseThrow();
    }

    /** Changes a rule's threshold, window, {@code for} or whether it is enabled; its kind stays. */
    @Transactional
    public AlertRule updateRule(Caller caller, long consortiumId, long ruleId, RuleSettings settings) {
        requireManager(caller, consortiumId);
        AlertRule rule = rule(consortiumId, ruleId);
        if (settings.kind() != null && settings.kind() != rule.kind()) {
            throw PlatformException.invalid("A rule's kind cannot change; create a rule of kind " + settings.kind());
        }
        long threshold = threshold(rule.kind(), settings.threshold() == null ? rule.threshold() : settings.threshold());
        long window = window(rule.kind(), settings.windowSeconds() == null ? rule.windowSeconds() : settings.windowSeconds());
        long forSeconds = forSeconds(settings.forSeconds() == null ? rule.forSeconds() : settings.forSeconds());
        repository.updateRule(ruleId, threshold, window, forSeconds,
                settings.enabled() == null ? rule.enabled() : settings.enabled());
        return repository.rule(ruleId).orElseThrow();
    }

    /** Deletes a rule with its alerts and their delivery history. */
    @Transactional
    public void deleteRule(Caller caller, long consortiumId, long ruleId) {
        requireManager(caller, consortiumId);
        repository.deleteRule(rule(consortiumId, ruleId).id());
    }

    /** Adds the default rules the consortium does not have yet (one of each kind, default settings). */
    @Transactional
    public List<AlertRule> createDefaults(Caller caller, long consortiumId) {
        requireManager(caller, consortiumId);
        repository.claimDefaults(consortiumId);
        addMissingDefaults(consortiumId, caller.username());
        return repository.rules(consortiumId);
    }

    /** The evaluator's part: defaults once per consortium, unless someone created them already. */
    @Transactional
    void createDefaultsOnce(long consortiumId) {
        if (repository.claimDefaults(consortiumId)) {
            addMissingDefaults(consortiumId, "platform");
        }
    }

    private void addMissingDefaults(long consortiumId, String by) {
        List<RuleKind> present = repository.rules(consortiumId).stream().map(AlertRule::kind).toList();
        for (RuleKind kind : RuleKind.values()) {
            if (!present.contains(kind)) {
                repository.insertRule(consortiumId, kind, kind.defaultThreshold(), kind.defaultWindow(),
                        kind.defaultFor(), true, by);
            }
        }
    }

    private AlertRule rule(long consortiumId, long ruleId) {
        return repository.rule(ruleId).filter(r -> r.consortiumId() == consortiumId)
                .orElseThrow(() -> PlatformException.notFound("Alert rule", ruleId));
    }

    private static long threshold(RuleKind kind, long value) {
        if (!kind.hasThreshold()) {
            if (value != 0) {
                throw PlatformException.invalid("Rules of kind " + kind + " have no threshold; leave it out");
            }
            return 0;
        }
        if (value < kind.minThreshold() || value > kind.maxThreshold()) {
            throw PlatformException.invalid("threshold of a " + kind + " rule must be " + kind.minThreshold() + " to "
                    + kind.maxThreshold() + ", was " + value);
        }
        return value;
    }

    private static long window(RuleKind kind, long value) {
        if (!kind.hasWindow()) {
            if (value != 0) {
                throw PlatformException.invalid("Rules of kind " + kind + " have no window; leave windowSeconds out");
            }
            return 0;
        }
        if (value < kind.minWindow() || value > kind.maxWindow()) {
            throw PlatformException.invalid("windowSeconds of a " + kind + " rule must be " + kind.minWindow() + " to "
                    + kind.maxWindow() + ", was " + value);
        }
        return value;
    }

    private static long forSeconds(long value) {
        if (value < 0 || value > 86_400) {
            throw InvalidFields.field("forSeconds", "must be 0 to 86400, was " + value);
        }
        return value;
    }

    // --- alerts

    /** The consortium's alerts, newest first; {@code status} OPEN, ACKNOWLEDGED, RESOLVED or null for all. */
    public List<Alert> alerts(Caller caller, long consortiumId, String status) {
        consortia.requireVisible(caller, consortiumId);
        String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !List.of(Alert.OPEN, Alert.ACKNOWLEDGED, Alert.RESOLVED).contains(wanted)) {
            throw InvalidFields.field("status", "must be OPEN, ACKNOWLEDGED or RESOLVED, was " + status);
        }
        return repository.alerts(consortiumId, wanted, LIST_LIMIT);
    }

    @Transactional
    public Alert acknowledge(Caller caller, long consortiumId, long alertId) {
        requireManager(caller, consortiumId);
        Alert alert = repository.alert(alertId).filter(a -> a.consortiumId() == consortiumId)
                .orElseThrow(() -> PlatformException.notFound("Alert", alertId));
        if (!repository.acknowledge(alertId, caller.username(), System.currentTimeMillis())) {
            throw PlatformException.conflict("Alert " + alertId + " is " + alert.status()
                    + "; only an OPEN alert can be acknowledged");
        }
        return repository.alert(alertId).orElseThrow();
    }

    public List<Delivery> deliveries(Caller caller, long consortiumId, Long alertId) {
        consortia.requireVisible(caller, consortiumId);
        return repository.deliveries(consortiumId, alertId, LIST_LIMIT);
    }

    // --- channels

    public List<NotificationChannel> channels(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        return repository.channels(consortiumId);
    }

    @Transactional
    public CreatedChannel createChannel(Caller caller, long consortiumId, ChannelSettings settings) {
        requireManager(caller, consortiumId);
        String name = settings.name() == null ? "" : settings.name().strip();
        if (!name.matches(CHANNEL_NAME)) {
            throw InvalidFields.field("name", "must be 1-64 of letters (of any script, e.g. 运维通知), digits, space, "
                    + "'.', '_', '-', starting with a letter or digit");
        }
        if (settings.type() == null) {
            throw InvalidFields.field("type", "is required: WEBHOOK or EMAIL");
        }
        String secret = null;
        String sealed = null;
        List<String> recipients = null;
        String url = null;
        if (settings.type() == NotificationChannel.Type.WEBHOOK) {
            if (settings.recipients() != null && !settings.recipients().isEmpty()) {
                throw PlatformException.invalid("A WEBHOOK channel has a url, not recipients");
            }
            url = webhookUrl(settings.url());
            secret = settings.secret() == null || settings.secret().isBlank() ? newSecret() : settings.secret();
            if (secret.length() < 16 || secret.length() > 200) {
                throw InvalidFields.field("secret", "must be 16 to 200 characters (leave it out to have one generated)");
            }
            sealed = seal.seal(secret.getBytes(StandardCharsets.UTF_8), sealContext(consortiumId, name));
        } else {
            if (settings.url() != null && !settings.url().isBlank() || settings.secret() != null) {
                throw PlatformException.invalid("An EMAIL channel has recipients, not a url or secret");
            }
            if (!properties.mail().configured()) {
                throw PlatformException.invalid("E-mail is not configured on this platform: a platform admin sets "
                        + "consortia.alerts.mail.host (see docs/alerts.md)");
            }
            recipients = recipients(settings.recipients());
        }
        long id;
        try {
            id = repository.insertChannel(consortiumId, name, settings.type(), url, sealed, recipients,
                    caller.username());
        } catch (DuplicateKeyException e) {
            throw PlatformException.conflict("A notification channel named '" + name + "' already exists");
        }
        return new CreatedChannel(repository.channel(id).orElseThrow(), secret);
    }

    @Transactional
    public void deleteChannel(Caller caller, long consortiumId, long channelId) {
        requireManager(caller, consortiumId);
        repository.deleteChannel(channel(consortiumId, channelId).id());
    }

    /** Sends a test notification through the channel now and answers with the receiver's answer. */
    public String test(Caller caller, long consortiumId, long channelId) {
        requireManager(caller, consortiumId);
        NotificationChannel channel = channel(consortiumId, channelId);
        try {
            return notifier.test(channel, consortia.get(consortiumId).name());
        } catch (Exception e) {
            throw new PlatformException(org.springframework.http.HttpStatus.BAD_GATEWAY, "notification-failed",
                    "The test notification through '" + channel.name() + "' failed: " + e.getMessage());
        }
    }

    private NotificationChannel channel(long consortiumId, long channelId) {
        return repository.channel(channelId).filter(c -> c.consortiumId() == consortiumId)
                .orElseThrow(() -> PlatformException.notFound("Notification channel", channelId));
    }

    /** Binds a sealed webhook secret to its channel, so it does not open on another row. */
    static String sealContext(long consortiumId, String channelName) {
        return "consortia-alert-webhook:v1:" + consortiumId + ":" + channelName;
    }

    private String webhookUrl(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw InvalidFields.field("url", "is required for a WEBHOOK channel (http or https, at most 2000 characters)");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidFields.field("url", "is not a valid URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw InvalidFields.field("url", "must be an http or https URL with a host and without user info");
        }
        destinations.refusal(uri).ifPresent(why -> {
            throw InvalidFields.field("url", "may not receive webhooks: " + why);
        });
        return uri.toString();
    }

    private static List<String> recipients(List<String> recipients) {
        if (recipients == null || recipients.isEmpty()) {
            throw InvalidFields.field("recipients", "must name at least one e-mail address");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw InvalidFields.field("recipients", "may name at most " + MAX_RECIPIENTS + " addresses");
        }
        List<String> clean = new ArrayList<>();
        for (String r : recipients) {
            String address = r == null ? "" : r.strip();
            if (!address.matches(EMAIL)) {
                throw PlatformException.invalid("recipients: '" + address + "' is not an e-mail address");
            }
            if (!clean.contains(address)) {
                clean.add(address);
            }
        }
        if (String.join(",", clean).length() > 2000) {
            throw InvalidFields.field("recipients", "may take at most 2000 characters together");
        }
        return clean;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Consortium requireManager(Caller caller, long consortiumId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        if (!canManage(caller, consortiumId)) {
            throw PlatformException.forbidden("Only an admin of a member organisation of consortium " + consortiumId
                    + " may change its alert rules and notification channels or acknowledge its alerts");
        }
        return consortium;
    }
}
