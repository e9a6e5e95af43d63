package io.consortia.platform.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    @Test
    void the_documented_example_is_reproduced() {
        // docs/alerts.md, "Checking a webhook's signature"
        assertThat(WebhookSignature.sign("whsec_example_secret_0123", 1767225600L,
                "{\"deliveryId\":\"dlv_1\",\"event\":\"OPENED\"}"))
                .isEqualTo("sha256=4adb24008f679f81edf71046024c0e887ce30ff321450e21451bce34a7cc3705");
    }

    @Test
    void the_timestamp_is_signed() {
        assertThat(WebhookSignature.sign("s", 1, "{}")).isNotEqualTo(WebhookSignature.sign("s", 2, "{}"));
    }
}
