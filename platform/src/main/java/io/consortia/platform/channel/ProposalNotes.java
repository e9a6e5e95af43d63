package io.consortia.platform.channel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The sentences the platform itself writes as a proposal's note, and the same in the console
 * reader's language ({@code ${@proposalNotes.text(p.note, organizationNames)}}), an organisation
 * named by its name rather than its id. The note stays English in the database and the REST API
 * ("organisation 3"); the console recognises the platform's own sentences (written here,
 * so the two cannot drift apart) and shows any other note, such as an error from applying the
 * change, as it was written.
 */
@Component("proposalNotes")
public class ProposalNotes {
    static final String APPLYING = "Being applied on chain";
    static final String INTERRUPTED = "Interrupted by a platform restart while being applied; apply the proposal again";
    private static final List<Sentence> SENTENCES = List.of(
            new Sentence("proposalNote.approved", "Approved by (\\d+) of (\\d+) organisations; being applied on chain"),
            new Sentence("proposalNote.rejected", "Rejected by (\\d+) of (\\d+) organisations"),
            new Sentence("proposalNote.applying", Pattern.quote(APPLYING)),
            new Sentence("proposalNote.inChannel", "Applied on chain: organisation (\\d+) is in channel (\\S+)", 0),
            new Sentence("proposalNote.leftChannel", "Applied on chain: organisation (\\d+) left channel (\\S+)", 0),
            new Sentence("proposalNote.leftConsortium", "Applied on chain: organisation (\\d+) left the consortium",
                    0),
            new Sentence("proposalNote.votedOut",
                    "Applied on chain: organisation (\\d+) was voted out of the consortium", 0),
            new Sentence("proposalNote.leaving", "Organisation (\\d+) leaves the consortium on its own; no vote",
                    0),
            new Sentence("proposalNote.withdrawn",
                    "Withdrawn: organisation (\\d+) left the consortium on its own \\(proposal (\\d+)\\)", 0),
            new Sentence("proposalNote.withdrawnByVote",
                    "Withdrawn: organisation (\\d+) was voted out of the consortium \\(proposal (\\d+)\\)", 0),
            new Sentence("proposalNote.waitedTooLong",
                    "another deployment kept running for (\\d+) minutes; apply the proposal again"),
            new Sentence("proposalNote.interrupted", Pattern.quote(INTERRUPTED)));

    private final MessageSource messages;

    public ProposalNotes(MessageSource messages) {
        this.messages = messages;
    }

    static String approved(long approvals, int members) {
        return "Approved by " + approvals + " of " + members + " organisations; being applied on chain";
    }

    static String rejected(long rejections, int members) {
        return "Rejected by " + rejections + " of " + members + " organisations";
    }

    static String inChannel(long organization, String channel) {
        return "Applied on chain: organisation " + organization + " is in channel " + channel;
    }

    static String leftChannel(long organization, String channel) {
        return "Applied on chain: organisation " + organization + " left channel " + channel;
    }

    static String leftConsortium(long organization) {
        return "Applied on chain: organisation " + organization + " left the consortium";
    }

    /** A REMOVE_MEMBER applied: the organisation did not leave, the others took it out. */
    static String votedOut(long organization) {
        return "Applied on chain: organisation " + organization + " was voted out of the consortium";
    }

    static String leaving(long organization) {
        return "Organisation " + organization + " leaves the consortium on its own; no vote";
    }

    static String withdrawn(long organization, long leave) {
        return "Withdrawn: organisation " + organization + " left the consortium on its own (proposal " + leave + ")";
    }

    static String withdrawnByVote(long organization, long removal) {
        return "Withdrawn: organisation " + organization + " was voted out of the consortium (proposal " + removal
                + ")";
    }

    static String waitedTooLong(long minutes) {
        return "another deployment kept running for " + minutes + " minutes; apply the proposal again";
    }

    /** {@code organizationNames}: by id, the names the note's organisation is shown by (its id if absent). */
    public String text(String note, Map<Long, String> organizationNames) {
        return text(note, organizationNames, LocaleContextHolder.getLocale());
    }

    String text(String note, Locale locale) {
        return text(note, Map.of(), locale);
    }

    String text(String note, Map<Long, String> organizationNames, Locale locale) {
        if (note == null) {
            return null;
        }
        for (Sentence sentence : SENTENCES) {
            Optional<Object[]> args = sentence.args(note, organizationNames);
            if (args.isPresent()) {
                return messages.getMessage(sentence.key(), args.get(), note, locale);
            }
        }
        return note;
    }

    /** Message keys of the platform's sentences (the bundles must have each). */
    static List<String> keys() {
        return SENTENCES.stream().map(Sentence::key).toList();
    }

    /** @param organization the argument that is an organisation's id, -1 if none */
    private record Sentence(String key, Pattern pattern, int organization) {
        Sentence(String key, String regex) {
            this(key, regex, -1);
        }

        Sentence(String key, String regex, int organization) {
            this(key, Pattern.compile(regex), organization);
        }

        /** The note's facts, an organisation named by its name where {@code names} knows it. */
        Optional<Object[]> args(String note, Map<Long, String> names) {
            Matcher m = pattern.matcher(note);
            if (!m.matches()) {
                return Optional.empty();
            }
            Object[] args = new Object[m.groupCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = m.group(i + 1);
            }
            if (organization >= 0) {
                String id = m.group(organization + 1);
                String name = id.length() < 19 ? names.get(Long.valueOf(id)) : null; // 19 digits may not be a long
                args[organization] = name == null ? id : name;
            }
            return Optional.of(args);
        }
    }
}
