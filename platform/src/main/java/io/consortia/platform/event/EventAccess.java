package io.consortia.platform.event;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.gateway.AccessKey;
import io.consortia.platform.gateway.Application;
import io.consortia.platform.gateway.ApplicationService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether an application may still receive a channel's events. Checked when a subscription or
 * stream is made, and again while it delivers: membership and keys change under a running
 * subscription or an open stream, and the nodes refuse a removed organisation's reads anyway, so
 * the platform decides first and says why rather than retrying against a refusal for ever.
 */
@Component
class EventAccess {
    private final ApplicationService applications;
    private final ChannelService channels;
    private final ConsortiumService consortia;

    EventAccess(ApplicationService applications, ChannelService channels, ConsortiumService consortia) {
        this.applications = applications;
        this.channels = channels;
        this.consortia = consortia;
    }

    /** Why the application's organisation may no longer read the channel, if it may not. */
    Optional<String> membershipLost(Application application, long channelId) {
        ChannelRecord channel = channels.byId(channelId).orElse(null);
        if (channel == null) {
            return Optional.of("The channel no longer exists");
        }
        if (!consortia.isMember(application.consortiumId(), application.organizationId())) {
            return Optional.of("The application's organisation is no longer a member of the consortium");
        }
        if (!channel.organizationIds().contains(application.organizationId())) {
            return Optional.of("The application's organisation is no longer a member of channel " + channel.name());
        }
        return Optional.empty();
    }

    /** Why a stream opened with this key must end, if it must: the key, its application, or membership. */
    Optional<String> streamLost(AccessKey opener, long channelId) {
        Application application = applications.applicationById(opener.applicationId()).orElse(null);
        if (application == null) {
            return Optional.of("The application was deleted");
        }
        long now = System.currentTimeMillis();
        String status = applications.keysOf(application.id()).stream().filter(k -> k.id() == opener.id())
                .map(k -> k.status(now)).findFirst().orElse("DELETED");
        if (!"ACTIVE".equals(status)) {
            return Optional.of("Access key " + opener.accessKeyId() + " is " + status);
        }
        return membershipLost(application, channelId);
    }
}
