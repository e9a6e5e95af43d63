package io.consortia.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.PlatformProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;

/** What the tests of organisation members' and platform accounts' changes share. */
final class AccountTestSupport {
    /** Fast and readable in a failure message: the tests are about who may sign in, not about hashing. */
    static final PasswordEncoder PLAIN = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return "plain:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encode(raw).equals(encoded);
        }
    };

    private AccountTestSupport() {}

    static void assertRefused(Runnable change, HttpStatus status, String detail) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    /** Settings for a TokenService outside Spring: one-hour tokens, default sign-in throttles. */
    static PlatformProperties properties() {
        return new PlatformProperties(Path.of("unused"), "", "",
                new PlatformProperties.Security(Duration.ofHours(1), 1000, PlatformProperties.SignIn.defaults()),
                new PlatformProperties.Node(List.of(), 20000, 20100, Duration.ofSeconds(5), Duration.ofSeconds(1), 3,
                        "", "", Duration.ofSeconds(30), Duration.ofMinutes(10)),
                new PlatformProperties.Explorer(Duration.ofSeconds(1)),
                new PlatformProperties.Gateways(8, Duration.ofMinutes(5)));
    }
}
