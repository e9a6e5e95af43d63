package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An access key is scoped only to channels of the consortium its application's organisation is in, or '*';
 * every channel that is not is named under {@code channels}, with the request's other wrong fields.
 */
class KeyChannelsTest {
    private static final long ORGANIZATION = 1;
    private static final Application APPLICATION = new Application(7, ORGANIZATION, 3, "app", "", "app:app",
            "alice", 0);
    private static final List<ChannelRecord> CHANNELS = List.of(
            new ChannelRecord(10, 3, "trade", "ACTIVE", null, List.of(ORGANIZATION, 2L), 0),
            new ChannelRecord(11, 3, "ops2", "ACTIVE", null, List.of(2L), 0));

    private static void check(List<String> scope) {
        InvalidFields invalid = new InvalidFields();
        KeyChannels.check(APPLICATION, CHANNELS, scope, invalid);
        invalid.throwIfAny();
    }

    @Test
    void a_channel_of_the_organisation_and_the_wildcard_are_allowed() {
        assertThatCode(() -> check(List.of("*", "trade"))).doesNotThrowAnyException();
    }

    @Test
    void every_unknown_channel_and_every_one_the_organisation_is_not_in_is_named() {
        assertThatThrownBy(() -> check(List.of("nonexist", "trade", "ops2", "gone")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.status().value()).isEqualTo(400))
                .hasMessage("Invalid request: channels names nonexist, which is not a channel of the application's "
                        + "consortium, channels names ops2, a channel the application's organisation is not a member "
                        + "of, channels names gone, which is not a channel of the application's consortium");
    }
}
