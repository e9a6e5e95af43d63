package io.consortia.sdk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reproduces the webhook worked example of docs/gateway-signing.md (section 7) and each way a forgery fails. */
class WebhookSignatureTest {
    private static final String SECRET = "cs_sk_3q2+7w8eXampleSecretKey0123456789";
    private static final String DATE = "20261202T180000Z";
    private static final String DELIVERY = "5f0c1b7e-8d7a-3c55-9a51-0f3e2b6c4d21";
    private static final byte[] BODY = ("{\"deliveryId\":\"5f0c1b7e-8d7a-3c55-9a51-0f3e2b6c4d21\",\"subscriptionId\":7,"
            + "\"application\":\"erp\",\"kind\":\"TX_STATUS\",\"channel\":\"main\",\"position\":\"42-0-0\","
            + "\"event\":{\"transactionId\":\"9c1e\",\"code\":\"VALID\"}}").getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "3a38e29187e8dedb5d6295ff7584ecf897d4c2048f8550ed88cbddb59865f856";
    private static final String HEADER = "CONSORTIA-WEBHOOK-HMAC-SHA256 Credential=AKEXAMPLE0000000001, Signature="
            + SIGNATURE;
    private static final Instant NOW = Instant.parse("2026-12-02T18:01:00Z");

    @Test
    void the_worked_example_reproduces() {
        assertThat(RequestSigner.sha256Hex(BODY))
                .isEqualTo("4a5b35ec18beabf92bebecd25d663ba26d7558c888b2e9c315214f3238f5c2b2");
        assertThat(WebhookSignature.stringToSign(DATE, DELIVERY, BODY)).isEqualTo("CONSORTIA-WEBHOOK-HMAC-SHA256\n"
                + DATE + "\n" + DELIVERY + "\n4a5b35ec18beabf92bebecd25d663ba26d7558c888b2e9c315214f3238f5c2b2");
        assertThat(WebhookSignature.sign(SECRET, DATE, DELIVERY, BODY)).isEqualTo(SIGNATURE);
        assertThat(WebhookSignature.header("AKEXAMPLE0000000001", SIGNATURE)).isEqualTo(HEADER);
        assertThat(WebhookSignature.accessKeyId(HEADER)).contains("AKEXAMPLE0000000001");
        assertThat(WebhookSignature.verify(SECRET, HEADER, DATE, DELIVERY, BODY, NOW)).isTrue();
    }

    @Test
    void a_forged_tampered_stale_or_malformed_webhook_does_not_verify() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("VALID", "INVALID")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify("cs_sk_another", HEADER, DATE, DELIVERY, BODY, NOW)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, HEADER, DATE, DELIVERY, tampered, NOW)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, HEADER, DATE, "another-delivery", BODY, NOW)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, HEADER, DATE, DELIVERY, BODY, NOW.plusSeconds(301))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, HEADER, "yesterday", DELIVERY, BODY, NOW)).isFalse();
        // a request signature's algorithm name is not a webhook's
        assertThat(WebhookSignature.verify(SECRET, HEADER.replace("CONSORTIA-WEBHOOK-HMAC-SHA256",
                "CONSORTIA-HMAC-SHA256"), DATE, DELIVERY, BODY, NOW)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, DATE, DELIVERY, BODY, NOW)).isFalse();
        assertThat(WebhookSignature.accessKeyId("CONSORTIA-WEBHOOK-HMAC-SHA256 Credential=AK, Signature=zz")).isEmpty();
    }
}
