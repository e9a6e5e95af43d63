package io.consortia.platform.explorer;

import io.consortia.platform.system.PlatformException;
import org.springframework.http.HttpStatus;

/**
 * What the explorer's search box takes: a block number, or a block hash or transaction id whole.
 * Both are 32-byte digests (SHA-256 or SM3), 64 hex characters, looked up by equality; a shorter
 * piece of hex (a prefix copied from a list) could never match, so it is refused saying so.
 */
record SearchQuery(String text, boolean blockNumber) {
    private static final int DIGEST_HEX = 64;

    /** A refusal the console shows in its own language ({@link #messageKey}); the API has its English. */
    static final class Refused extends PlatformException {
        private final String messageKey;
        private final Object argument;

        private Refused(String messageKey, Object argument, String message) {
            super(HttpStatus.BAD_REQUEST, "invalid-input", message);
            this.messageKey = messageKey;
            this.argument = argument;
        }

        String messageKey() {
            return messageKey;
        }

        /** The message's {0}, if it has one. */
        Object argument() {
            return argument;
        }
    }

    static SearchQuery parse(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > 128) {
            throw new Refused("explorer.searchMissing", null, "q must be a block number, a block hash or a transaction id");
        }
        if (q.matches("\\d{1,18}")) {
            return new SearchQuery(q, true);
        }
        if (q.matches("\\d+") && q.length() != DIGEST_HEX) {
            // digits only are read as a block number: "99999999999999999999999" is no hash prefix
            throw new Refused("explorer.searchNumberTooLong", q.length(), "q is a number of " + q.length() + " digits: "
                    + "a block number has at most 18, and a block hash or transaction id is " + DIGEST_HEX
                    + " hex characters");
        }
        if (q.matches("(?i)[0-9a-f]+")) {
            if (q.length() != DIGEST_HEX) {
                throw new Refused("explorer.searchPartialHex", q.length(), "q is " + q.length() + " hex characters: "
                        + "a block hash or transaction id is " + DIGEST_HEX + " hex characters, and prefixes are not "
                        + "searched");
            }
            return new SearchQuery(q, false);
        }
        throw new Refused("explorer.searchUnknown", null, "q must be a block number (digits), or a block hash or "
                + "transaction id (" + DIGEST_HEX + " hex characters)");
    }
}
