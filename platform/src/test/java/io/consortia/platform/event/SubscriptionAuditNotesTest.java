package io.consortia.platform.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.gateway.AccessKey;
import io.consortia.platform.gateway.Application;
import io.consortia.platform.gateway.ApplicationService;
import io.consortia.platform.system.NotedRequest;
import io.consortia.platform.system.WebhookDestinations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscription's deletion was recorded with only its id in the path: which application's feed of which
 * channel, delivered where, was gone with it. Its record now says so, naming the receiver by host only: the
 * URL's user-info, path and query may hold the receiver's secrets.
 */
class SubscriptionAuditNotesTest {
    private static final String URL = "https://hook:pa55word@erp.example.com:8443/in/abc?token=s3cret";
    @RegisterExtension
    final NotedRequest noted = new NotedRequest("DELETE", "/gateway/v1/x");
    private final SubscriptionRepository repository = mock(SubscriptionRepository.class);
    private final ApplicationService applications = mock(ApplicationService.class);
    private final SubscriptionService service = new SubscriptionService(repository, applications, null, null, null,
            new WebhookDestinations(true));
    private final Subscription subscription = new Subscription(4, 7, 2, "main", EventKind.CONTRACT_EVENT, "kv",
            List.of(), URL, 1, "ACTIVE", null, Position.startOf(0), 0, 0, 0, 0, null, "alice", 0);
    private final AccessKey key = new AccessKey(1, 7, "AK1", List.of("*"), List.of("*"), List.of("*"), 50,
            Long.MAX_VALUE, null, null, "alice", 0, null);

    @BeforeEach
    void bind() {
        when(applications.applicationOf(any())).thenReturn(new Application(7, 1, 1, "erp", "", "CN=erp", "alice", 0));
        when(repository.ofApplication(7)).thenReturn(List.of(subscription));
        when(repository.get(4)).thenReturn(Optional.of(subscription));
    }

    @Test
    void a_deleted_subscription_notes_what_it_was_and_only_the_receivers_host() {
        service.delete(key, 4);

        String notes = noted.notes();
        assertThat(notes).isEqualTo(" subscription=\"4\" application=\"7\" channel=\"main\" eventKind=\"CONTRACT_EVENT\""
                + " contract=\"kv\" urlHost=\"erp.example.com\"");
        assertThat(notes).doesNotContain("pa55word", "s3cret", "/in/abc", "hook:");
    }

    @Test
    void only_the_host_is_taken_from_a_url() {
        assertThat(SubscriptionService.urlHost(URL)).isEqualTo("erp.example.com");
        assertThat(SubscriptionService.urlHost("http://[::1]:9000/x")).isEqualTo("[::1]");
        assertThat(SubscriptionService.urlHost("not a url")).isNull();
    }
}
