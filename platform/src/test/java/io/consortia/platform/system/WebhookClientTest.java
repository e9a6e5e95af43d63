package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook client connects only to addresses its own lookup checked: a name that answers an
 * allowed address to one lookup and the metadata service to the next (DNS rebinding) can no longer
 * pass a check made by one lookup and be connected to by another.
 */
class WebhookClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private int answer = 204;

    @BeforeEach
    void receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("X-Test") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (answer == 302) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private URI url(String host) {
        return URI.create("http://" + host + ":" + receiver.getAddress().getPort() + "/hook");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_name_is_looked_up_once_per_delivery_and_the_connection_goes_to_the_address_that_lookup_checked()
            throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        // the rebinding name: allowed at the first lookup, the metadata service at every later one
        WebhookClient.Resolver rebinding = host -> new InetAddress[] {
            lookups.getAndIncrement() == 0 ? InetAddress.getLoopbackAddress() : address("169.254.169.254")};
        try (WebhookClient client = new WebhookClient(new WebhookDestinations(true), TIMEOUT, rebinding)) {
            int status = client.post(url("hooks.example"), Map.of("X-Test", "first"), "{}".getBytes(), TIMEOUT);

            assertThat(status).isEqualTo(204);
            assertThat(lookups).hasValue(1);
            assertThat(received).containsExactly("first {}");
        }
    }

    @Test
    void a_name_that_resolves_to_a_refused_address_is_refused_before_anything_is_sent() throws IOException {
        WebhookClient.Resolver toMetadata = host -> new InetAddress[] {address("169.254.169.254")};
        try (WebhookClient client = new WebhookClient(new WebhookDestinations(true), TIMEOUT, toMetadata)) {
            assertThatThrownBy(() -> client.post(url("hooks.example"), Map.of(), "{}".getBytes(), TIMEOUT))
                    .isInstanceOf(WebhookClient.RefusedDestination.class)
                    .hasMessageContaining("hooks.example resolves to 169.254.169.254, which is a link-local address");
        }
    }

    @Test
    void an_address_in_the_url_is_checked_as_well() throws IOException {
        try (WebhookClient client = new WebhookClient(new WebhookDestinations(true), TIMEOUT)) {
            assertThatThrownBy(() -> client.post(URI.create("http://169.254.169.254/latest/meta-data/"), Map.of(),
                    "{}".getBytes(), TIMEOUT))
                    .isInstanceOf(WebhookClient.RefusedDestination.class).hasMessageContaining("link-local");
            assertThatThrownBy(() -> client.post(URI.create("http://2852039166/"), Map.of(), "{}".getBytes(), TIMEOUT))
                    .isInstanceOf(WebhookClient.RefusedDestination.class)
                    .hasMessageContaining("not written as four decimal numbers");
        }
    }

    @Test
    void loopback_is_refused_where_private_destinations_are_not_allowed() throws IOException {
        try (WebhookClient client = new WebhookClient(new WebhookDestinations(false), TIMEOUT)) {
            assertThatThrownBy(() -> client.post(url("127.0.0.1"), Map.of(), "{}".getBytes(), TIMEOUT))
                    .isInstanceOf(WebhookClient.RefusedDestination.class)
                    .hasMessageContaining("allow-private-destinations=false");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void a_redirect_is_answered_as_is_and_never_followed() throws IOException {
        answer = 302;
        try (WebhookClient client = new WebhookClient(new WebhookDestinations(true), TIMEOUT)) {
            assertThat(client.post(url("127.0.0.1"), Map.of("X-Test", "once"), "{}".getBytes(), TIMEOUT))
                    .isEqualTo(302);
        }
        assertThat(received).containsExactly("once {}");
    }
}
