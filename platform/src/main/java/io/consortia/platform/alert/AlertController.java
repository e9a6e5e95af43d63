package io.consortia.platform.alert;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A consortium's alerts, alert rules, notification channels and delivery history. */
@RestController
@RequestMapping("/api/v1/consortia/{id}")
@Tag(name = "Alerts")
class AlertController {
    private final AlertService alerts;
    private final CurrentUser currentUser;

    AlertController(AlertService alerts, CurrentUser currentUser) {
        this.alerts = alerts;
        this.currentUser = currentUser;
    }

    /** A channel as listed: never its secret. */
    record ChannelView(long id, String name, NotificationChannel.Type type, String url, List<String> recipients,
            String createdBy, long createdAt) {
        static ChannelView of(NotificationChannel c) {
            return new ChannelView(c.id(), c.name(), c.type(), c.url(), c.recipients(), c.createdBy(), c.createdAt());
        }
    }

    /** The answer to creating a channel: for a webhook, the one time its signing secret is shown. */
    record CreatedChannelView(ChannelView channel, String secret, String notice) {}

    /**
     * Refuses a body on a request that takes none: like an unknown JSON field, it is a mistake the
     * caller should hear about rather than have ignored (empty and {@code {}} are fine).
     */
    static void requireNoBody(HttpServletRequest request) {
        try {
            byte[] body = request.getInputStream().readNBytes(64);
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty() && !text.equals("{}")) {
                throw PlatformException.invalid("This request takes no body; send none");
            }
        } catch (IOException e) {
            throw PlatformException.invalid("The request body could not be read: " + e.getMessage());
        }
    }

    @Operation(summary = "The consortium's alerts, newest first (status OPEN, ACKNOWLEDGED or RESOLVED; all when absent)")
    @GetMapping("/alerts")
    List<Alert> alerts(@PathVariable long id, @RequestParam(required = false) String status) {
        return alerts.alerts(currentUser.get(), id, status);
    }

    @Operation(summary = "Acknowledge an open alert (admins of member organisations); it resolves when its condition clears")
    @PostMapping("/alerts/{alertId}/acknowledge")
    Alert acknowledge(@PathVariable long id, @PathVariable long alertId, HttpServletRequest request) {
        requireNoBody(request);
        return alerts.acknowledge(currentUser.get(), id, alertId);
    }

    @Operation(summary = "Notifications sent (newest first), with the receivers' answers; optionally of one alert")
    @GetMapping("/alert-deliveries")
    List<Delivery> deliveries(@PathVariable long id, @RequestParam(required = false) Long alertId) {
        return alerts.deliveries(currentUser.get(), id, alertId);
    }

    @Operation(summary = "The consortium's alert rules, with whether each could be evaluated")
    @GetMapping("/alert-rules")
    List<AlertRule> rules(@PathVariable long id) {
        return alerts.rules(currentUser.get(), id);
    }

    @Operation(summary = "Create an alert rule (admins of member organisations); absent settings take the kind's defaults")
    @PostMapping("/alert-rules")
    @ResponseStatus(HttpStatus.CREATED)
    AlertRule createRule(@PathVariable long id, @RequestBody AlertService.RuleSettings settings) {
        return noted(alerts.createRule(currentUser.get(), id, settings));
    }

    @Operation(summary = "Create the default rules the consortium does not have yet (one of each kind)")
    @PostMapping("/alert-rules/defaults")
    List<AlertRule> defaults(@PathVariable long id, HttpServletRequest request) {
        requireNoBody(request);
        List<AlertRule> created = alerts.createDefaults(currentUser.get(), id);
        AuditNotes.note("rules", created.stream().map(r -> r.id() + ":" + r.kind()).toList());
        return created;
    }

    @Operation(summary = "Change a rule's threshold, window, for or enabled (its kind stays)")
    @PutMapping("/alert-rules/{ruleId}")
    AlertRule updateRule(@PathVariable long id, @PathVariable long ruleId,
            @RequestBody AlertService.RuleSettings settings) {
        return noted(alerts.updateRule(currentUser.get(), id, ruleId, settings));
    }

    @Operation(summary = "Delete a rule with its alerts and their delivery history")
    @DeleteMapping("/alert-rules/{ruleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRule(@PathVariable long id, @PathVariable long ruleId, HttpServletRequest request) {
        requireNoBody(request);
        // what the rule was: once deleted, nothing else says which kind and threshold went
        AlertRule rule = ruleBefore(id, ruleId);
        alerts.deleteRule(currentUser.get(), id, ruleId);
        if (rule != null) {
            noted(rule);
        }
    }

    /** The rule as it is, or null: a caller who may not read it is refused by the deletion itself, in its words. */
    private AlertRule ruleBefore(long consortiumId, long ruleId) {
        try {
            return alerts.rules(currentUser.get(), consortiumId).stream().filter(r -> r.id() == ruleId).findFirst()
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A rule's settings for the audit record of the change that made them (or deleted them). */
    private static AlertRule noted(AlertRule rule) {
        AuditNotes.note("rule", rule.id());
        AuditNotes.note("ruleKind", rule.kind());
        AuditNotes.note("threshold", rule.threshold());
        AuditNotes.note("windowSeconds", rule.windowSeconds());
        AuditNotes.note("forSeconds", rule.forSeconds());
        AuditNotes.note("enabled", rule.enabled());
        return rule;
    }

    @Operation(summary = "The consortium's notification channels (webhook secrets are never shown again)")
    @GetMapping("/notification-channels")
    List<ChannelView> channels(@PathVariable long id) {
        return alerts.channels(currentUser.get(), id).stream().map(ChannelView::of).toList();
    }

    @Operation(summary = "Add a notification channel: WEBHOOK (url; signing secret generated unless given) or EMAIL (recipients)")
    @PostMapping("/notification-channels")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedChannelView createChannel(@PathVariable long id, @RequestBody AlertService.ChannelSettings settings) {
        AlertService.CreatedChannel created = alerts.createChannel(currentUser.get(), id, settings);
        return new CreatedChannelView(ChannelView.of(created.channel()), created.secret(), created.secret() == null
                ? null : "Store the signing secret now: it is kept only encrypted and is never shown again");
    }

    @Operation(summary = "Send a test notification through a channel now")
    @PostMapping("/notification-channels/{channelId}/test")
    Map<String, String> test(@PathVariable long id, @PathVariable long channelId, HttpServletRequest request) {
        requireNoBody(request);
        return Map.of("outcome", alerts.test(currentUser.get(), id, channelId));
    }

    @Operation(summary = "Delete a notification channel and its delivery history")
    @DeleteMapping("/notification-channels/{channelId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteChannel(@PathVariable long id, @PathVariable long channelId, HttpServletRequest request) {
        requireNoBody(request);
        alerts.deleteChannel(currentUser.get(), id, channelId);
    }
}
