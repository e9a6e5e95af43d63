package io.consortia.platform.event;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An application's event subscriptions, managed by its organisation's admins (read by its members). */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/applications/{applicationId}/subscriptions")
@Tag(name = "Application events (webhooks)")
class SubscriptionController {
    static final int MAX_HISTORY = 500;
    private final SubscriptionService subscriptions;
    private final CurrentUser currentUser;

    SubscriptionController(SubscriptionService subscriptions, CurrentUser currentUser) {
        this.subscriptions = subscriptions;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Subscribe the application to a channel's blocks, transaction statuses or contract events, "
            + "delivered by signed webhook from fromBlock (replay) or from now")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionView create(@PathVariable long organizationId, @PathVariable long applicationId,
            @RequestBody SubscriptionService.Request request) {
        return view(subscriptions.create(currentUser.get(), organizationId, applicationId, request));
    }

    @Operation(summary = "The application's subscriptions with their cursors")
    @GetMapping
    List<SubscriptionView> list(@PathVariable long organizationId, @PathVariable long applicationId) {
        return subscriptions.list(currentUser.get(), organizationId, applicationId).stream().map(this::view).toList();
    }

    @Operation(summary = "One subscription")
    @GetMapping("/{subscriptionId}")
    SubscriptionView get(@PathVariable long organizationId, @PathVariable long applicationId,
            @PathVariable long subscriptionId) {
        return view(subscriptions.get(currentUser.get(), organizationId, applicationId, subscriptionId));
    }

    @Operation(summary = "Delivery attempts, latest first, with the receiver's status code and answer")
    @GetMapping("/{subscriptionId}/deliveries")
    List<Delivery> deliveries(@PathVariable long organizationId, @PathVariable long applicationId,
            @PathVariable long subscriptionId, @RequestParam(defaultValue = "100") int limit) {
        return subscriptions.deliveries(currentUser.get(), organizationId, applicationId, subscriptionId,
                limit(limit));
    }

    @Operation(summary = "Pause delivery (the cursor stays where it is)")
    @PostMapping("/{subscriptionId}/pause")
    SubscriptionView pause(@PathVariable long organizationId, @PathVariable long applicationId,
            @PathVariable long subscriptionId) {
        return view(subscriptions.status(currentUser.get(), organizationId, applicationId, subscriptionId, "PAUSED"));
    }

    @Operation(summary = "Resume delivery at the cursor, at once (a pending backoff is cleared)")
    @PostMapping("/{subscriptionId}/resume")
    SubscriptionView resume(@PathVariable long organizationId, @PathVariable long applicationId,
            @PathVariable long subscriptionId) {
        return view(subscriptions.status(currentUser.get(), organizationId, applicationId, subscriptionId, "ACTIVE"));
    }

    @Operation(summary = "Delete the subscription and its delivery history")
    @DeleteMapping("/{subscriptionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long organizationId, @PathVariable long applicationId,
            @PathVariable long subscriptionId) {
        subscriptions.delete(currentUser.get(), organizationId, applicationId, subscriptionId);
    }

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_HISTORY) {
            throw InvalidFields.field("limit", "must be 1 to " + MAX_HISTORY);
        }
        return limit;
    }

    private SubscriptionView view(Subscription subscription) {
        return SubscriptionView.of(subscription, subscriptions.accessKeyIdOf(subscription));
    }
}
