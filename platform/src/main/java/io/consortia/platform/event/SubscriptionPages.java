package io.consortia.platform.event;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.gateway.Application;
import io.consortia.platform.gateway.ApplicationService;
import io.consortia.platform.gateway.GatewayPolicy;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** An application's event subscriptions: their cursors and delivery history; admins create and manage them. */
@ConsolePage
class SubscriptionPages {
    static final int HISTORY_SHOWN = 20;
    private final CurrentUser currentUser;
    private final ApplicationService applications;
    private final SubscriptionService subscriptions;
    private final ChannelService channels;

    SubscriptionPages(CurrentUser currentUser, ApplicationService applications, SubscriptionService subscriptions,
            ChannelService channels) {
        this.currentUser = currentUser;
        this.applications = applications;
        this.subscriptions = subscriptions;
        this.channels = channels;
    }

    /** A subscription with its latest delivery attempts, as the page lists them. */
    record Row(SubscriptionView subscription, List<Delivery> deliveries) {}

    @GetMapping("/console/organizations/{organizationId}/applications/{applicationId}/subscriptions")
    String subscriptions(@PathVariable long organizationId, @PathVariable long applicationId, Model model) {
        Caller caller = currentUser.get();
        Application application = applications.application(caller, organizationId, applicationId);
        List<Row> rows = subscriptions.list(caller, organizationId, applicationId).stream()
                .map(s -> new Row(SubscriptionView.of(s, subscriptions.accessKeyIdOf(s)),
                        subscriptions.deliveries(caller, organizationId, applicationId, s.id(), HISTORY_SHOWN)))
                .toList();
        List<String> channelNames = channels.ofConsortium(application.consortiumId()).stream()
                .filter(c -> c.organizationIds().contains(organizationId) && "ACTIVE".equals(c.status()))
                .map(ChannelRecord::name).toList();
        model.addAttribute("organizationId", organizationId);
        model.addAttribute("app", application); // not "application": Thymeleaf reserves it for the servlet context
        model.addAttribute("rows", rows);
        model.addAttribute("channels", channelNames);
        model.addAttribute("kinds", EventKind.values());
        model.addAttribute("canManage", GatewayPolicy.canManage(caller, organizationId));
        return "console/subscriptions";
    }
}
