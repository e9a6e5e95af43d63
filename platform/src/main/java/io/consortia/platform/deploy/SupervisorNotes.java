package io.consortia.platform.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The notes the platform itself writes as a node's last error (the supervisor's "Exited
 * unexpectedly at ...; restarted"), and the same in the console reader's language
 * ({@code ${@supervisorNotes.text(r.lastError)}}). The note stays English in the database and the
 * REST API; the console recognises the platform's own sentences (written here, so the two cannot
 * drift apart) and translates them, while what the node itself said (its log, its reason for not
 * serving a channel, a start error) stays as written, and so does any note it does not recognise.
 */
@Component("supervisorNotes")
public class SupervisorNotes {
    private static final String LOG_ENDS = ". Log ends:\n";
    private static final String POD_NOT_READY = "Pod not ready: ";
    private static final Pattern REPORTED_CHANNEL = Pattern.compile("(; )?channel (\\S+) not served: ");
    private static final List<Sentence> SENTENCES = List.of(
            new Sentence("supervisorNote.exited", "Exited unexpectedly at (\\S+); restarted"),
            new Sentence("supervisorNote.crashLoop", "Crashed (\\d+) times in a row; not restarting"),
            new Sentence("supervisorNote.restartedAtStart", "Restarted at platform start (\\S+)"),
            new Sentence("supervisorNote.notRestartedAtStart", "Could not be restarted at platform start: (.*)"),
            new Sentence("supervisorNote.restartedByCluster",
                    "Restarted by the cluster at (\\S+) \\((\\d+) restarts\\); recent events:\n(.*)"),
            new Sentence("supervisorNote.exitedDuringStart", "exited during start"),
            new Sentence("supervisorNote.podNotReady", POD_NOT_READY + "(.*)"),
            new Sentence("supervisorNote.notServingHung", "Did not answer its health check with 200 for (\\d+) s"
                    + " \\(hung, or a channel's Raft member stopped: a full disk, for example\\)(.*)"),
            new Sentence("supervisorNote.notServingReported",
                    "Did not answer its health check with 200 for (\\d+) s; it reported (.*?)"
                            + "((?:; restarted at \\S+|; restarted \\d+ times in a row already, so stopped and left"
                            + " FAILED)?)"));
    /** What follows why an unresponsive node was restarted: argument 0 of the two health-check sentences. */
    private static final List<Sentence> RESTARTS = List.of(
            new Sentence("supervisorNote.restartedAt", "; restarted at (\\S+)"),
            new Sentence("supervisorNote.stoppedAfter",
                    "; restarted (\\d+) times in a row already, so stopped and left FAILED"));

    private final MessageSource messages;

    public SupervisorNotes(MessageSource messages) {
        this.messages = messages;
    }

    static String exited(Instant at, String logTail) {
        return "Exited unexpectedly at " + at + "; restarted" + LOG_ENDS + logTail;
    }

    static String crashLoop(int times, String logTail) {
        return "Crashed " + times + " times in a row; not restarting" + LOG_ENDS + logTail;
    }

    static String restartedAtStart(Instant at) {
        return "Restarted at platform start " + at;
    }

    static String notRestartedAtStart(String error) {
        return "Could not be restarted at platform start: " + error;
    }

    static String restartedByCluster(Instant at, int restarts, List<String> events) {
        return "Restarted by the cluster at " + at + " (" + restarts + " restarts); recent events:\n"
                + String.join("\n", events);
    }

    /**
     * Why a node's pod is not ready, in the cluster's words ({@code ContainerCreating: secret
     * c1-org3-keys not found}); the note stands while the pod is not ready and goes when it is.
     */
    static String podNotReady(String problem) {
        return POD_NOT_READY + problem;
    }

    static boolean isPodNotReady(String note) {
        return note != null && note.startsWith(POD_NOT_READY);
    }

    static String exitedDuringStart() {
        return "exited during start";
    }

    /**
     * Why a node is restarted: how long it has not served and, when it still answers, the channels
     * it names as stopped with its own reason, so that the operator reads the cause (a full disk)
     * without opening the node's log.
     */
    static String notServing(Duration silent, Map<String, String> failedChannels) {
        StringBuilder why = new StringBuilder("Did not answer its health check with 200 for ")
                .append(silent.toSeconds()).append(" s");
        if (failedChannels.isEmpty()) {
            return why.append(" (hung, or a channel's Raft member stopped: a full disk, for example)").toString();
        }
        why.append("; it reported ");
        String separator = "";
        for (Map.Entry<String, String> channel : new TreeMap<>(failedChannels).entrySet()) {
            why.append(separator).append("channel ").append(channel.getKey()).append(" not served: ")
                    .append(channel.getValue());
            separator = "; ";
        }
        return why.toString();
    }

    static String notServingRestarted(String why, Instant at, String logTail) {
        return why + "; restarted at " + at + LOG_ENDS + logTail;
    }

    static String notServingStopped(String why, int times, String logTail) {
        return why + "; restarted " + times + " times in a row already, so stopped and left FAILED" + LOG_ENDS
                + logTail;
    }

    public String text(String note) {
        return text(note, LocaleContextHolder.getLocale());
    }

    public String text(String note, Locale locale) {
        if (note == null) {
            return null;
        }
        int logAt = note.indexOf(LOG_ENDS);
        String sentence = logAt < 0 ? note : note.substring(0, logAt);
        Optional<String> translated = translate(sentence, locale);
        if (translated.isEmpty()) {
            return note;
        }
        return logAt < 0 ? translated.get()
                : messages.getMessage("supervisorNote.logEnds",
                        new Object[] {translated.get(), note.substring(logAt + LOG_ENDS.length())}, locale);
    }

    private Optional<String> translate(String sentence, Locale locale) {
        for (Sentence known : SENTENCES) {
            Matcher m = known.pattern().matcher(sentence);
            if (!m.matches()) {
                continue;
            }
            Object[] args = new Object[m.groupCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = m.group(i + 1);
            }
            if (known.key().startsWith("supervisorNote.notServing")) {
                Optional<String> restart = restart((String) args[args.length - 1], locale);
                if (restart.isEmpty()) {
                    return Optional.empty();
                }
                args[args.length - 1] = restart.get();
            }
            if (known.key().equals("supervisorNote.notServingReported")) {
                args[1] = reportedChannels((String) args[1], locale);
            }
            return Optional.of(messages.getMessage(known.key(), args, locale));
        }
        return Optional.empty();
    }

    /** The restart after an unresponsive node's why, translated; "" if none. */
    private Optional<String> restart(String text, Locale locale) {
        if (text.isEmpty()) {
            return Optional.of("");
        }
        for (Sentence known : RESTARTS) {
            Matcher m = known.pattern().matcher(text);
            if (m.matches()) {
                return Optional.of(messages.getMessage(known.key(), new Object[] {m.group(1)}, locale));
            }
        }
        return Optional.empty();
    }

    /** "channel main not served: " in the reader's language; the node's reason after it stays as written. */
    private String reportedChannels(String reported, Locale locale) {
        Matcher m = REPORTED_CHANNEL.matcher(reported);
        StringBuilder translated = new StringBuilder();
        while (m.find()) {
            String separator = m.group(1) == null ? "" : messages.getMessage("supervisorNote.separator", null, locale);
            m.appendReplacement(translated, Matcher.quoteReplacement(separator
                    + messages.getMessage("supervisorNote.channelNotServed", new Object[] {m.group(2)}, locale)));
        }
        return m.appendTail(translated).toString();
    }

    /** Message keys of the platform's sentences (the bundles must have each). */
    static List<String> keys() {
        List<String> keys = new java.util.ArrayList<>(SENTENCES.stream().map(Sentence::key).toList());
        RESTARTS.forEach(r -> keys.add(r.key()));
        keys.add("supervisorNote.logEnds");
        keys.add("supervisorNote.channelNotServed");
        keys.add("supervisorNote.separator");
        return keys;
    }

    private record Sentence(String key, Pattern pattern) {
        Sentence(String key, String regex) {
            this(key, Pattern.compile(regex, Pattern.DOTALL));
        }
    }
}
