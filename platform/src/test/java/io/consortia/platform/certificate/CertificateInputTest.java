package io.consortia.platform.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.system.PlatformException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What renewal and revocation accept before they change anything. */
class CertificateInputTest {

    @Test
    void a_serial_is_hex_in_the_inventory_s_form() {
        assertThat(CertificateService.normalizeSerial("00ABcd")).isEqualTo("abcd");
        assertThat(CertificateService.normalizeSerial("0x1f")).isEqualTo("1f");
        for (String bad : new String[] {null, "", "xyz", "12 34", "-1", "1".repeat(65)}) {
            assertThatThrownBy(() -> CertificateService.normalizeSerial(bad)).isInstanceOf(PlatformException.class)
                    .hasMessageContaining("serial");
        }
    }

    @Test
    void validity_is_1_to_825_days_and_825_by_default() {
        assertThat(CertificateService.validity(null)).isEqualTo(Duration.ofDays(825));
        assertThat(CertificateService.validity(1)).isEqualTo(Duration.ofDays(1));
        assertThat(CertificateService.validity(825)).isEqualTo(Duration.ofDays(825));
        assertThatThrownBy(() -> CertificateService.validity(0)).hasMessageContaining("validityDays must be 1 to 825");
        assertThatThrownBy(() -> CertificateService.validity(826)).hasMessageContaining("validityDays");
    }

    @Test
    void a_revocation_needs_a_reason_without_control_characters() {
        assertThat(CertificateService.reason("  key compromise ")).isEqualTo("key compromise");
        assertThatThrownBy(() -> CertificateService.reason(null)).hasMessageContaining("reason is required");
        assertThatThrownBy(() -> CertificateService.reason(" ")).hasMessageContaining("reason is required");
        assertThatThrownBy(() -> CertificateService.reason("a\nb")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> CertificateService.reason("x".repeat(501))).hasMessageContaining("500");
    }
}
