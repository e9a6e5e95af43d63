package io.consortia.platform.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertPropertiesTest {
    @Test
    void the_smtp_password_never_appears_in_the_configuration_s_text() {
        AlertProperties.Mail mail = new AlertProperties.Mail("smtp.example.org", 587, "alerts@example.org",
                AlertProperties.Tls.STARTTLS, "alerts", "correct-horse-battery", 3);
        assertThat(mail.toString()).doesNotContain("correct-horse-battery").contains("smtp.example.org");
        assertThat(mail.configured()).isTrue();
    }
}
