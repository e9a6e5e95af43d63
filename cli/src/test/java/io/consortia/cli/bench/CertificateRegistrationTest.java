package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.sdk.Channel;
import io.consortia.sdk.Contract;
import io.consortia.sdk.GatewayException;
import io.grpc.Status;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CertificateRegistrationTest {
    private final CertificateRegistration registration = new CertificateRegistration(Duration.ofMillis(1));

    @Test
    void a_registration_the_network_could_not_take_is_sent_again_as_a_new_transaction() throws Exception {
        FakeChannel flaky = new FakeChannel(Status.UNAVAILABLE.withDescription("Network closed for unknown reason"), 2);
        FakeChannel fine = new FakeChannel(null, 0);

        int repeated = registration.registerAll(List.of(flaky.channel(), fine.channel()));

        assertThat(repeated).isEqualTo(2);
        assertThat(flaky.hashes).hasSize(3).doesNotHaveDuplicates();
        assertThat(fine.hashes).hasSize(1);
    }

    @Test
    void a_refusal_by_the_node_or_a_network_that_stays_down_ends_the_run() {
        FakeChannel refused = new FakeChannel(Status.PERMISSION_DENIED.withDescription("unknown organisation"), 1);
        assertThatThrownBy(() -> registration.registerAll(List.of(refused.channel())))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("PERMISSION_DENIED: unknown organisation");
        assertThat(refused.hashes).as("not repeated").hasSize(1);

        FakeChannel down = new FakeChannel(Status.UNAVAILABLE, Integer.MAX_VALUE);
        assertThatThrownBy(() -> registration.register(down.channel(), 1, 0)).isInstanceOf(GatewayException.class);
        assertThat(down.hashes).hasSize(CertificateRegistration.ATTEMPTS);
    }

    /** A channel whose notarization contract fails {@code failures} times with {@code status}, then commits. */
    private static final class FakeChannel {
        final List<String> hashes = new ArrayList<>();
        private final Status status;
        private int failures;

        FakeChannel(Status status, int failures) {
            this.status = status;
            this.failures = failures;
        }

        Channel channel() {
            Contract contract = (Contract) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Contract.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("submit")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        synchronized (this) {
                            hashes.add(((String[]) args[1])[0]);
                            if (failures > 0) {
                                failures--;
                                throw new GatewayException("submit failed", status.asRuntimeException());
                            }
                        }
                        return null;
                    });
            return (Channel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Channel.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("contract")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        return contract;
                    });
        }
    }
}
