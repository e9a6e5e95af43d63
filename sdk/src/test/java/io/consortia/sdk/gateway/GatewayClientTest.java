package io.consortia.sdk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the client sends is what the specification signs: the server's recomputation matches. */
class GatewayClientTest {
    @Test
    void a_prepared_request_carries_a_signature_the_specification_reproduces() {
        Instant at = Instant.parse("2026-12-02T18:00:00Z");
        GatewayClient client = GatewayClient.of("http://127.0.0.1:18080", "AKTEST", "cs_sk_secret")
                .withClock(Clock.fixed(at, ZoneOffset.UTC));
        byte[] body = "{\"contract\":\"kv\",\"function\":\"put\",\"args\":[\"k\",\"v\"]}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = client.prepare("POST", "/gateway/v1/channels/main/transactions?b=2&a=1", body,
                "0123456789abcdef0123456789abcdef");

        assertThat(request.headers().firstValue("X-Consortia-Date")).hasValue("20261202T180000Z");
        assertThat(request.headers().firstValue("X-Consortia-Nonce")).hasValue("0123456789abcdef0123456789abcdef");
        RequestSigner.Authorization authorization = RequestSigner.parseAuthorization(
                request.headers().firstValue("Authorization").orElseThrow());
        assertThat(authorization.accessKeyId()).isEqualTo("AKTEST");
        // as the platform sees it: Host as the HTTP client sends it, headers by lower-case name
        Map<String, String> received = Map.of("host", "127.0.0.1:18080", "content-type", "application/json",
                "x-consortia-date", "20261202T180000Z", "x-consortia-nonce", "0123456789abcdef0123456789abcdef");
        String expected = RequestSigner.sign("cs_sk_secret", new RequestSigner.SignedRequest("POST",
                "/gateway/v1/channels/main/transactions", "a=1&b=2", received, authorization.signedHeaders(), body));
        assertThat(authorization.signature()).isEqualTo(expected);
        assertThat(authorization.signedHeaders()).containsExactly("content-type", "host", "x-consortia-date",
                "x-consortia-nonce");
        assertThat(client.newNonce()).matches("[0-9a-f]{32}").isNotEqualTo(client.newNonce());
        assertThat(List.of(request.method(), request.uri().getRawQuery())).containsExactly("POST", "b=2&a=1");
    }
}
