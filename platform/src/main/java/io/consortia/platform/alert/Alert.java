package io.consortia.platform.alert;

/**
 * An alert a rule raised for one target (a node, a channel, a certificate, a deployment).
 *
 * @param status OPEN, ACKNOWLEDGED or RESOLVED
 * @param resolution why it was resolved, for people
 */
public record Alert(long id, long consortiumId, long ruleId, RuleKind kind, RuleKind.Severity severity, String target,
        String summary, String status, long openedAt, String acknowledgedBy, Long acknowledgedAt, Long resolvedAt,
        String resolution) {

    public static final String OPEN = "OPEN";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String RESOLVED = "RESOLVED";

    public boolean resolved() {
        return RESOLVED.equals(status);
    }
}
