package io.consortia.platform.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * An alert a rule raised for one target (a node, a channel, a certificate, a deployment).
 *
 * @param status OPEN, ACKNOWLEDGED or RESOLVED
 * @param resolution why it was resolved, for people
 * @param summaryKey the console's message for the summary, with {@code summaryArgs}; null for
 *     alerts opened before there were keys, which show their stored English summary. Not in the
 *     REST API or notifications: their {@code summary} stays the English text it always was.
 */
public record Alert(long id, long consortiumId, long ruleId, RuleKind kind, RuleKind.Severity severity, String target,
        String summary, String status, long openedAt, String acknowledgedBy, Long acknowledgedAt, Long resolvedAt,
        String resolution, @JsonIgnore String summaryKey, @JsonIgnore List<String> summaryArgs) {

    public static final String OPEN = "OPEN";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String RESOLVED = "RESOLVED";

    public boolean resolved() {
        return RESOLVED.equals(status);
    }
}
