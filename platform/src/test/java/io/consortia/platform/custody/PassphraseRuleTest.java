package io.consortia.platform.custody;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.system.PlatformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassphraseRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaa", "\0\0\0\0\0\0\0\0\0\0\0\0", "abcdefghijkl", "123456789012", "qwertyuiop12",
            "password1234", "Passw0rd!Passw0rd!", "p@ssw0rd1234", "            "})
    void twelve_characters_that_are_easy_to_guess_are_refused_with_the_rule(String weak) {
        assertThatThrownBy(() -> PassphraseRule.check(weak))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("10^10 guesses")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((PlatformException) e).status().value())
                        .isEqualTo(400));
        // zxcvbn's warning is a sentence of its own ("...similar to a commonly used password."): one period, not two
        assertThatThrownBy(() -> PassphraseRule.check(weak)).message().doesNotContain("..").doesNotContain(". .");
    }

    @Test
    void a_common_password_s_warning_ends_its_sentence_once() {
        assertThatThrownBy(() -> PassphraseRule.check("p@ssw0rd1234")).message()
                .contains("similar to a commonly used password. The passphrase must");
    }

    @Test
    void control_characters_and_lengths_outside_12_to_256_are_refused() {
        assertThatThrownBy(() -> PassphraseRule.check("short")).hasMessageContaining("12 to 256 characters");
        assertThatThrownBy(() -> PassphraseRule.check("x".repeat(257))).hasMessageContaining("12 to 256 characters");
        assertThatThrownBy(() -> PassphraseRule.check("correct horse\u0000battery staple"))
                .hasMessageContaining("control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "a long enough passphrase", "7fK#pq29!Lm@x",
            "长城 晚霞 咖啡 铁轨 纸鸢"})
    void random_words_and_random_characters_pass(String strong) {
        assertThatCode(() -> PassphraseRule.check(strong)).doesNotThrowAnyException();
    }
}
