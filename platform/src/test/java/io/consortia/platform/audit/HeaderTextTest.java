package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A tester's User-Agent "贷款系统/1.0" was recorded in the audit trail as "è´·æ¬¾ç³»ç»Ÿ/1.0". */
class HeaderTextTest {

    @Test
    void utf8_bytes_read_as_latin1_by_the_container_become_the_text_sent() {
        String asReceived = new String("贷款系统/1.0".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(asReceived).isNotEqualTo("贷款系统/1.0");
        assertThat(HeaderText.of(asReceived)).isEqualTo("贷款系统/1.0");
    }

    @Test
    void ascii_latin1_and_missing_values_stay_as_they_are() {
        assertThat(HeaderText.of("curl/8.5.0")).isEqualTo("curl/8.5.0");
        assertThat(HeaderText.of("Müller-Client")).isEqualTo("Müller-Client"); // one byte ü: not UTF-8
        assertThat(HeaderText.of(null)).isNull();
    }
}
