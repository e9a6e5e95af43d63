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

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::a9fe:a9fe", "64:ff9b::169.254.169.254", "2002:a9fe:a9fe::1",
            "2002:a9fe:a9fe:1::", "2001:0:4136:e378:8000:63bf:5601:5601", "::a9fe:a9fe", "::ffff:a9fe:a9fe",
            "64:ff9b::6464:64c8", "2002:0000:0001::"})
    void an_ipv6_address_carrying_a_refused_ipv4_address_is_refused(String address) throws UnknownHostException {
        // NAT64, 6to4 and Teredo (client 169.254.169.254 inverted: 5601:5601) reach the IPv4 address they carry
        InetAddress a = InetAddress.getByName(address);
        assertThat(byDefault.refusal(a)).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://[fe80::1%25eth0]/x", "http://[fe80::1%25lo]/x", "http://[fe80::1%251]/y",
            "http://[fe80::a9fe:a9fe%25lo]/y", "http://[::ffff:169.254.169.254%25eth0]/y",
            "http://[64:ff9b::a9fe:a9fe]/x", "http://[2002:a9fe:a9fe::1]/x", "http://[::169.254.169.254]/x",
            "http://[::ffff:169.254.169.254]/x", "http://[2001:db8::1%25eth0]/x",
            "http://2852039166/", "http://0251.0376.0251.0376/", "http://0xa9.0xfe.0xa9.0xfe/", "http://0xa9fea9fe/",
            "http://169.254.43518/", "http://169.254.169.254./latest", "http://0/", "http://127.1/",
            "http://016.0.0.8:8080/hook"})
    void an_address_in_a_disguised_form_is_refused_not_left_to_delivery(String url) {
        assertThat(byDefault.refusal(URI.create(url))).as(url).isPresent();
        assertThat(publicOnly.refusal(URI.create(url))).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/hook", "http://[2606:2800:220:1::1]/hook",
            "http://[64:ff9b::5db8:d822]/hook", "http://[2002:5db8:d822::1]/hook", "http://receiver.invalid/hook",
            "http://1x.example.invalid/hook"})
    void public_addresses_in_every_form_stay_allowed(String url) {
        assertThat(byDefault.refusal(URI.create(url))).as(url).isEmpty();
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
