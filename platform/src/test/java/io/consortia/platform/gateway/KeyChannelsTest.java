package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An access key is scoped only to channels of the consortium its application's organisation is in, or '*'. */
class KeyChannelsTest {
    private static final long ORGANIZATION = 1;
    private static final Application APPLICATION = new Application(7, ORGANIZATION, 3, "app", "", "app:app",
            "alice", 0);
    private static final List<ChannelRecord> CHANNELS = List.of(
            new ChannelRecord(10, 3, "trade", "ACTIVE", null, List.of(ORGANIZATION, 2L), 0),
            new ChannelRecord(11, 3, "ops2", "ACTIVE", null, List.of(2L), 0));

    @Test
    void a_channel_of_the_organisation_and_the_wildcard_are_allowed() {
        assertThatCode(() -> KeyChannels.require(APPLICATION, CHANNELS, List.of("*", "trade"))).doesNotThrowAnyException();
    }

    @Test
    void an_unknown_channel_is_refused_naming_the_field_and_the_channel() {
        assertThatThrownBy(() -> KeyChannels.require(APPLICATION, CHANNELS, List.of("nonexist", "trade")))
                .isInstanceOfSatisfying(PlatformException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.status().value()).isEqualTo(400))
                .hasMessageStartingWith("channels: ").hasMessageContaining("nonexist");
    }

    @Test
    void a_channel_the_organisation_is_not_in_is_refused() {
        assertThatThrownBy(() -> KeyChannels.require(APPLICATION, CHANNELS, List.of("ops2")))
                .isInstanceOfSatisfying(PlatformException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.status().value()).isEqualTo(400))
                .hasMessageStartingWith("channels: ").hasMessageContaining("not a member of channel ops2");
    }
}
