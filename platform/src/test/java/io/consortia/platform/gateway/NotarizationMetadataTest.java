package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import org.junit.jupiter.api.Test;

/**
 * The notarization contract allows 4096 bytes of UTF-8 metadata; the platform counted characters, so
 * 1500 Chinese characters (4500 bytes) passed it and were refused in a block (409 CONTRACT_REJECTED)
 * instead of a 400 that submits nothing.
 */
class NotarizationMetadataTest {
    private static final String HASH = "ab".repeat(32);
    private static final String CHINESE_4500_BYTES = "发票".repeat(750);

    @Test
    void the_gateway_refuses_metadata_over_4096_bytes_of_utf8_before_submitting() {
        InvalidFields invalid = new InvalidFields();
        GatewayController.metadata(new GatewayController.Notarization(HASH, CHINESE_4500_BYTES), invalid);
        assertThatThrownBy(invalid::throwIfAny).isInstanceOfSatisfying(PlatformException.class, p -> {
            assertThat(p.type()).isEqualTo("invalid-input");
            assertThat(p.getMessage()).startsWith("Invalid request: metadata must be at most 4096 bytes of UTF-8");
        });
        assertThat(metadata("x".repeat(4096))).hasSize(4096);
        assertThat(metadata("发".repeat(1365))).hasSize(1365);
        assertThat(metadata(null)).isEmpty();
    }

    /** Metadata the gateway accepts, as it is submitted. */
    private static String metadata(String metadata) {
        InvalidFields invalid = new InvalidFields();
        String accepted = GatewayController.metadata(new GatewayController.Notarization(HASH, metadata), invalid);
        assertThat(invalid.isEmpty()).as(metadata).isTrue();
        return accepted;
    }
}
