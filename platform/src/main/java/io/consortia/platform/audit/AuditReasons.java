package io.consortia.platform.audit;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Why the chain verification failed: the sentences the verify walk writes (English, as the API and
 * the CLI answer them), and the same in the console reader's language
 * ({@code ${@auditReasons.text(verification.reason)}}). The sentences are written here and
 * recognised here, so the two cannot drift apart; a sentence not recognised is shown as written.
 * The English inside a Chinese sentence was what an auditor read (found by a tester).
 */
@Component("auditReasons")
public class AuditReasons {
    private static final String HASH = "(\\S+)";
    private static final String TAIL = ", and which record was changed first cannot be told, since a rewrite changes"
            + " the hash of every record after it";
    /** Every group is itself translated: a part that is a sentence (where, which head) is one of these too. */
    private static final List<Sentence> SENTENCES = List.of(
            new Sentence("audit.reason.missingOne", "record (\\d+) is missing: the sequence jumps from (\\d+) to (\\d+)"),
            new Sentence("audit.reason.missingMany",
                    "records (\\d+) to (\\d+) are missing: the sequence jumps from (\\d+) to (\\d+)"),
            new Sentence("audit.reason.previousHash",
                    "record (\\d+) names previous hash " + HASH + " but record (\\d+) hashes to " + HASH),
            new Sentence("audit.reason.altered",
                    "record (\\d+) was altered: its content hashes to " + HASH + ", not to the stored " + HASH),
            new Sentence("audit.reason.notarizedMissingOne", "record (\\d+) is missing: (.+) was record (\\d+)"),
            new Sentence("audit.reason.notarizedMissingMany",
                    "records (\\d+) to (\\d+) are missing: (.+) was record (\\d+)"),
            new Sentence("audit.reason.rewrittenOne", "record (\\d+) cannot be trusted: record (\\d+) hashes to "
                    + HASH + " but (.+) was " + HASH + ": the chain was rewritten; (.+)" + Pattern.quote(TAIL)),
            new Sentence("audit.reason.rewrittenMany", "records (\\d+) to (\\d+) cannot be trusted: record (\\d+)"
                    + " hashes to " + HASH + " but (.+) was " + HASH + ": the chain was rewritten; (.+)"
                    + Pattern.quote(TAIL)),
            new Sentence("audit.reason.intactSince",
                    "record (\\d+) still hashes to what (.+) was, so the rewrite began after it"),
            new Sentence("audit.reason.noneIntact",
                    Pattern.quote("no earlier notarized head still matches, so the rewrite may begin at record 1")),
            new Sentence("audit.reason.onChainHead",
                    "the head notarized on chain \\((.+), anchor (\\d+)\\) in transaction (\\S+)"),
            new Sentence("audit.reason.listedHead", "the head notarized in transaction (\\S+) "
                    + Pattern.quote("(as the platform's list of notarizations has it)")),
            new Sentence("audit.reason.where", "channel (\\S+) of consortium (\\d+)"));

    private final MessageSource messages;

    public AuditReasons(MessageSource messages) {
        this.messages = messages;
    }

    /** Records {@code expected} on are missing: the next record found is {@code found}. */
    static String missingInSequence(long expected, long found) {
        return (found == expected + 1 ? "record " + expected + " is"
                : "records " + expected + " to " + (found - 1) + " are")
                + " missing: the sequence jumps from " + (expected - 1) + " to " + found;
    }

    static String previousHash(long sequence, String named, String previous) {
        return "record " + sequence + " names previous hash " + named + " but record " + (sequence - 1)
                + " hashes to " + previous;
    }

    static String altered(long sequence, String recomputed, String stored) {
        return "record " + sequence + " was altered: its content hashes to " + recomputed + ", not to the stored "
                + stored;
    }

    static String onChainHead(String where, long anchor, String transaction) {
        return "the head notarized on chain (" + where + ", anchor " + anchor + ") in transaction " + transaction;
    }

    static String where(String channel, Long consortium) {
        return "channel " + channel + " of consortium " + consortium;
    }

    static String listedHead(String transaction) {
        return "the head notarized in transaction " + transaction + " (as the platform's list of notarizations has it)";
    }

    /** The chain ends at {@code head}, but {@code head} was notarized ({@code what}) as record {@code notarized}. */
    static String notarizedMissing(long head, long notarized, String what) {
        return (notarized == head + 1 ? "record " + notarized + " is" : "records " + (head + 1) + " to " + notarized
                + " are") + " missing: " + what + " was record " + notarized;
    }

    /**
     * Record {@code anchored} no longer hashes to what was notarized ({@code what}); {@code intact} is
     * the newest earlier notarized head that still matches, null if none ({@code intactWhat}: where it was).
     */
    static String rewritten(long first, long anchored, String hash, String what, String notarizedHash, Long intact,
            String intactWhat) {
        String untrusted = first == anchored ? "record " + first + " cannot be trusted"
                : "records " + first + " to " + anchored + " cannot be trusted";
        String since = intact != null ? "record " + intact + " still hashes to what " + intactWhat
                + " was, so the rewrite began after it"
                : "no earlier notarized head still matches, so the rewrite may begin at record 1";
        return untrusted + ": record " + anchored + " hashes to " + hash + " but " + what + " was " + notarizedHash
                + ": the chain was rewritten; " + since + TAIL;
    }

    /** The reason in the reader's language. */
    public String text(String reason) {
        return text(reason, LocaleContextHolder.getLocale());
    }

    String text(String reason, Locale locale) {
        if (reason == null) {
            return null;
        }
        for (Sentence sentence : SENTENCES) {
            Matcher matcher = sentence.pattern().matcher(reason);
            if (matcher.matches()) {
                Object[] args = new Object[matcher.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = text(matcher.group(i + 1), locale); // numbers and hashes match nothing: as they are
                }
                return messages.getMessage(sentence.key(), args, reason, locale);
            }
        }
        return reason;
    }

    /** Message keys of the sentences (the bundles must have each). */
    static List<String> keys() {
        return SENTENCES.stream().map(Sentence::key).toList();
    }

    private record Sentence(String key, Pattern pattern) {
        Sentence(String key, String regex) {
            this(key, Pattern.compile(regex));
        }
    }
}
