package io.consortia.platform.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.gateway.AccessKey;
import io.consortia.platform.gateway.ApplicationService;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A subscription's view names the key whose secret signs its deliveries now. After the key it was
 * made with was revoked, the newest active key signs, and the view named the revoked one, so a
 * receiver configured from it checked signatures with the wrong secret.
 */
class SigningKeyViewTest {
    private static final long FAR = Long.MAX_VALUE;

    @Test
    void after_its_key_is_revoked_the_view_names_the_key_that_signs() {
        AccessKey revoked = key(1, "AKREVOKED", 1_000L);
        AccessKey older = key(2, "AKOLDER", null);
        AccessKey newest = key(3, "AKNEWEST", null);
        ApplicationService applications = mock(ApplicationService.class);
        when(applications.keysOf(7)).thenReturn(List.of(revoked, older, newest));
        SubscriptionService service = new SubscriptionService(null, applications, null, null, null, null);

        assertThat(service.accessKeyIdOf(subscription(1))).isEqualTo("AKNEWEST");
        assertThat(service.accessKeyIdOf(subscription(2))).as("its own key while active").isEqualTo("AKOLDER");
    }

    private static AccessKey key(long id, String accessKeyId, Long revokedAt) {
        return new AccessKey(id, 7, accessKeyId, List.of("*"), List.of("*"), List.of("*"), 10, FAR, revokedAt,
                revokedAt == null ? null : "zhao", "zhao", 0, null);
    }

    private static Subscription subscription(long signingKeyId) {
        return new Subscription(1, 7, 1, "main", EventKind.BLOCK, null, List.of(), "http://127.0.0.1:1/", signingKeyId,
                "ACTIVE", null, new Position(0, 0, 0), 0, 0, 0, 0, null, "zhao", 0);
    }
}
