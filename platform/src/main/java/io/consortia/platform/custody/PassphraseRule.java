package io.consortia.platform.custody;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;

/**
 * What a key-export passphrase must be. The bundle leaves the platform and can be attacked
 * offline, so length alone is not enough: {@code aaaaaaaaaaaa} or twelve NUL characters are
 * twelve characters. The rule: 12 to 256 characters, no control characters, and at least
 * 10<sup>10</sup> guesses by the zxcvbn estimate (which sees repeats, sequences, keyboard
 * patterns, dates and common words and names, as an attacker's cracker would). Four or five
 * random words pass; a word with digits appended does not.
 */
final class PassphraseRule {
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    /** zxcvbn's score 4: "very unguessable", strong protection from an offline attack. */
    static final double MIN_GUESSES_LOG10 = 10;
    static final String RULE = "The passphrase must be 12 to 256 characters without control characters, and hard to "
            + "guess: at least 10^10 guesses by the zxcvbn estimate, which counts repeats (aaaa), sequences (abcd, "
            + "1234), keyboard patterns (qwerty) and common words as easy. Four or five random words pass.";
    private static final Zxcvbn ESTIMATOR = new Zxcvbn();

    private PassphraseRule() {}

    /** @throws PlatformException 400 naming the rule and, when there is one, zxcvbn's hint */
    static void check(String passphrase) {
        if (passphrase == null || passphrase.length() < MIN_LENGTH || passphrase.length() > MAX_LENGTH) {
            throw InvalidFields.field("passphrase", "must be 12 to 256 characters. " + RULE);
        }
        if (passphrase.chars().anyMatch(Character::isISOControl)) {
            throw InvalidFields.field("passphrase", "must not contain control characters. " + RULE);
        }
        Strength strength = ESTIMATOR.measure(passphrase);
        if (strength.getGuessesLog10() < MIN_GUESSES_LOG10) {
            String warning = warning(strength);
            throw InvalidFields.field("passphrase", "is too easy to guess (about 10^"
                    + (int) Math.floor(strength.getGuessesLog10()) + " guesses)"
                    + (warning.isEmpty() ? "" : ": " + warning) + ". " + RULE);
        }
    }

    /** zxcvbn's warning without its own closing period: the message ends the sentence once. */
    private static String warning(Strength strength) {
        String warning = strength.getFeedback().getWarning();
        return warning == null ? "" : warning.strip().replaceAll("[.。]+$", "");
    }
}
