package io.consortia.platform.event;

import io.consortia.platform.gateway.AccessKey;
import io.consortia.platform.gateway.GatewayAccess;
import io.consortia.platform.system.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events through the gateway, signed with an access key like every gateway call: the
 * application's own webhook subscriptions, and a server-sent-event stream.
 */
@RestController
@RequestMapping("/gateway/v1")
@Tag(name = "Application gateway (AK/SK)")
// signed with an access key, not a bearer token: GatewayOpenApi describes the scheme
@SecurityRequirement(name = OpenApiConfig.GATEWAY_SCHEME)
class GatewayEventController {
    private final SubscriptionService subscriptions;
    private final EventStream stream;

    GatewayEventController(SubscriptionService subscriptions, EventStream stream) {
        this.subscriptions = subscriptions;
        this.stream = stream;
    }

    @Operation(summary = "Subscribe this application to events by webhook, signed with this key's secret")
    @PostMapping("/subscriptions")
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionView create(@RequestBody SubscriptionService.Request request, HttpServletRequest http) {
        return view(subscriptions.create(GatewayAccess.key(http), request));
    }

    @Operation(summary = "This application's subscriptions with their cursors")
    @GetMapping("/subscriptions")
    List<SubscriptionView> list(HttpServletRequest http) {
        return subscriptions.list(GatewayAccess.key(http)).stream().map(this::view).toList();
    }

    @Operation(summary = "One subscription of this application")
    @GetMapping("/subscriptions/{subscriptionId}")
    SubscriptionView get(@PathVariable long subscriptionId, HttpServletRequest http) {
        return view(subscriptions.get(GatewayAccess.key(http), subscriptionId));
    }

    @Operation(summary = "Delivery attempts of a subscription, latest first")
    @GetMapping("/subscriptions/{subscriptionId}/deliveries")
    List<Delivery> deliveries(@PathVariable long subscriptionId, @RequestParam(defaultValue = "100") int limit,
            HttpServletRequest http) {
        return subscriptions.deliveries(GatewayAccess.key(http), subscriptionId, SubscriptionController.limit(limit));
    }

    @Operation(summary = "Delete a subscription of this application")
    @DeleteMapping("/subscriptions/{subscriptionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long subscriptionId, HttpServletRequest http) {
        subscriptions.delete(GatewayAccess.key(http), subscriptionId);
    }

    @Operation(summary = "Server-sent events of a channel (text/event-stream), from fromBlock or now; "
            + "each event's id is its position, and a reconnect with Last-Event-ID resumes after it")
    @ApiResponse(responseCode = "200", description = "The events, as they come, until the client disconnects",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    @GetMapping("/events/stream")
    void stream(@RequestParam(required = false) String channel, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String contract,
            @RequestParam(name = "event", required = false) List<String> eventNames,
            @RequestParam(required = false) Long fromBlock,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest http, HttpServletResponse response) throws IOException {
        AccessKey key = GatewayAccess.key(http);
        stream.open(key, channel, kind, contract, eventNames, fromBlock, lastEventId, response);
    }

    private SubscriptionView view(Subscription subscription) {
        return SubscriptionView.of(subscription, subscriptions.accessKeyIdOf(subscription));
    }
}
