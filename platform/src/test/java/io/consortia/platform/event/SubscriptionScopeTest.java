package io.consortia.platform.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.gateway.AccessKey;
import io.consortia.platform.gateway.Application;
import io.consortia.platform.gateway.ApplicationService;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.WebhookDestinations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the gateway, a key lists, reads and deletes only the subscriptions of its application it
 * could have made itself: those on its channels and its contracts (a BLOCK feed lists every contract's
 * transactions, so only a key for every contract has it). Another channel's feed, made by another key of the same application, answers 404 as if
 * absent and stays.
 */
class SubscriptionScopeTest {
    private static final long APP = 7;
    private final SubscriptionRepository repository = mock(SubscriptionRepository.class);
    private final ApplicationService applications = mock(ApplicationService.class);
    private final SubscriptionService service = new SubscriptionService(repository, applications, null, null, null,
            new WebhookDestinations(true));
    private final Subscription mainBlocks = subscription(1, "main", EventKind.BLOCK, "");
    private final Subscription mainNotarization = subscription(2, "main", EventKind.TX_STATUS, "notarization");
    private final Subscription mainEveryContract = subscription(3, "main", EventKind.CONTRACT_EVENT, "");
    private final Subscription soloBlocks = subscription(4, "solo", EventKind.BLOCK, "");
    private final AccessKey mainNotarizationGet = key(List.of("main"), List.of("notarization"), List.of("get"));
    private final AccessKey soloAll = key(List.of("solo"), List.of("*"), List.of("*"));

    @BeforeEach
    void application() {
        Application application = new Application(APP, 1, 1, "erp", "", "CN=erp", "alice", 0);
        when(applications.applicationOf(org.mockito.ArgumentMatchers.any())).thenReturn(application);
        List<Subscription> all = List.of(mainBlocks, mainNotarization, mainEveryContract, soloBlocks);
        when(repository.ofApplication(APP)).thenReturn(all);
        for (Subscription s : all) {
            when(repository.get(s.id())).thenReturn(Optional.of(s));
        }
    }

    @Test
    void a_key_lists_only_the_subscriptions_within_its_channels_and_contracts() {
        // not the BLOCK feed: its events list every contract's transactions
        assertThat(service.list(mainNotarizationGet)).extracting(Subscription::id).containsExactly(2L);
        assertThat(service.list(soloAll)).extracting(Subscription::id).containsExactly(4L);
        AccessKey everything = key(List.of("*"), List.of("*"), List.of("*"));
        assertThat(service.list(everything)).hasSize(4);
    }

    @Test
    void a_subscription_outside_the_key_scope_is_404_to_read_and_to_delete_and_stays() {
        for (long id : List.of(1L, 3L, 4L)) {
            assertThatThrownBy(() -> service.get(mainNotarizationGet, id)).isInstanceOf(PlatformException.class)
                    .hasMessage("Subscription " + id + " does not exist")
                    .satisfies(e -> assertThat(((PlatformException) e).status().value()).isEqualTo(404));
            assertThatThrownBy(() -> service.deliveries(mainNotarizationGet, id, 10))
                    .isInstanceOf(PlatformException.class).hasMessage("Subscription " + id + " does not exist");
            assertThatThrownBy(() -> service.delete(mainNotarizationGet, id)).isInstanceOf(PlatformException.class)
                    .hasMessage("Subscription " + id + " does not exist");
        }
        verify(repository, never()).delete(anyLong());
        assertThat(service.get(mainNotarizationGet, 2).id()).isEqualTo(2);
        service.delete(soloAll, 4);
        verify(repository).delete(4);
    }

    private static Subscription subscription(long id, String channel, EventKind kind, String contract) {
        return new Subscription(id, APP, id, channel, kind, contract, List.of(), "http://127.0.0.1/hook", 1, "ACTIVE",
                null, Position.startOf(0), 0, 0, 0, 0, null, "alice", 0);
    }

    private static AccessKey key(List<String> channels, List<String> contracts, List<String> functions) {
        return new AccessKey(1, APP, "AK" + channels, channels, contracts, functions, 50, Long.MAX_VALUE, null, null,
                "alice", 0, null);
    }
}
