package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses webhooks may go to, by default and when private ones are refused. */
class WebhookDestinationsTest {
    private final WebhookDestinations byDefault = new WebhookDestinations(true);
    private final WebhookDestinations publicOnly = new WebhookDestinations(false);

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "fe80::1", "0.0.0.0", "0.1.2.3", "::",
            "255.255.255.255", "224.0.0.1", "ff02::1", "100.100.100.200", "fd00:ec2::254", "::ffff:169.254.169.254",
            "::169.254.169.254"})
    void never_legitimate_addresses_are_refused_always(String address) throws UnknownHostException {
        InetAddress a = InetAddress.getByName(address);
        assertThat(byDefault.refusal(a)).as(address).isPresent();
        assertThat(publicOnly.refusal(a)).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.0.0.8", "172.16.5.4", "192.168.1.10", "100.64.0.1",
            "fd12:3456::1", "::ffff:127.0.0.1"})
    void loopback_and_private_addresses_are_allowed_unless_configured_otherwise(String address)
            throws UnknownHostException {
        InetAddress a = InetAddress.getByName(address);
        assertThat(byDefault.refusal(a)).as(address).isEmpty();
        assertThat(publicOnly.refusal(a)).as(address).get().asString()
                .contains("allow-private-destinations=false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:2800:220:1::1"})
    void public_addresses_are_allowed(String address) throws UnknownHostException {
        InetAddress a = InetAddress.getByName(address);
        assertThat(byDefault.refusal(a)).as(address).isEmpty();
        assertThat(publicOnly.refusal(a)).as(address).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void a_url_is_judged_by_every_address_its_host_resolves_to() {
        assertThat(byDefault.refusal(URI.create("http://169.254.169.254/latest/meta-data/"))).get().asString()
                .contains("link-local");
        assertThat(byDefault.refusal(URI.create("http://[fe80::1]:8080/hook"))).isPresent();
        assertThat(byDefault.refusal(URI.create("http://127.0.0.1:8080/hook"))).isEmpty();
        // a name: localhost resolves to loopback addresses only
        assertThat(byDefault.refusal(URI.create("http://localhost:8080/hook"))).isEmpty();
        assertThat(publicOnly.refusal(URI.create("http://localhost:8080/hook"))).get().asString()
                .startsWith("localhost resolves to ");
        // a name that does not resolve now is left to delivery, which checks again
        assertThat(byDefault.refusal(URI.create("http://receiver.invalid/hook"))).isEmpty();
    }
}
