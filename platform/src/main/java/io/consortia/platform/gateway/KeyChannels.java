package io.consortia.platform.gateway;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.system.InvalidFields;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The channels an access key is scoped to must be channels of the application's consortium that its
 * organisation is in: the gateway refuses every call on any other (out of scope), so a key scoped to
 * one could never work. The same check the event subscriptions make of their channel. '*' (any channel
 * the organisation is in, now or later) stays allowed.
 */
@Component
class KeyChannels {
    private final ChannelService channels;

    KeyChannels(ChannelService channels) {
        this.channels = channels;
    }

    /** Adds to {@code invalid}, under {@code channels}, each channel that is unknown or not the organisation's. */
    void check(Application application, List<String> scope, InvalidFields invalid) {
        check(application, channels.ofConsortium(application.consortiumId()), scope, invalid);
    }

    /** The check itself, against the consortium's channels. */
    static void check(Application application, List<ChannelRecord> ofConsortium, List<String> scope,
            InvalidFields invalid) {
        Map<String, ChannelRecord> known = ofConsortium.stream()
                .collect(Collectors.toMap(ChannelRecord::name, Function.identity(), (a, b) -> a));
        for (String name : scope) {
            if ("*".equals(name)) {
                continue;
            }
            ChannelRecord channel = known.get(name);
            if (channel == null) {
                invalid.add("channels", "names " + name + ", which is not a channel of the application's consortium");
            } else if (!channel.organizationIds().contains(application.organizationId())) {
                invalid.add("channels", "names " + name + ", a channel the application's organisation is not a "
                        + "member of");
            }
        }
    }
}
