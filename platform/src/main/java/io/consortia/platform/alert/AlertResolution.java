package io.consortia.platform.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the platform resolved an alert. {@code english} is what it stores as the alert's resolution
 * (the REST API, webhooks and e-mail carry it); the console recognises it and shows
 * {@code alertResolution.<NAME>} in the reader's language, also for alerts resolved before, as
 * the sentences are written here only.
 */
enum AlertResolution {
    CLEARED("The condition cleared"),
    RULE_DISABLED("The rule was disabled");

    static final String KEY_PREFIX = "alertResolution.";
    private final String english;

    AlertResolution(String english) {
        this.english = english;
    }

    String english() {
        return english;
    }

    String key() {
        return KEY_PREFIX + name();
    }

    /** The platform's reason a stored resolution says; empty for any other text. */
    static Optional<AlertResolution> of(String stored) {
        return Arrays.stream(values()).filter(r -> r.english.equals(stored)).findFirst();
    }
}
