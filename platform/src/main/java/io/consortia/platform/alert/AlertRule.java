package io.consortia.platform.alert;

/**
 * A consortium's alert rule.
 *
 * @param threshold blocks, percent, days or leader changes, by kind (0 where the kind has none)
 * @param windowSeconds the window the kind looks at (0 where it has none)
 * @param forSeconds how long the condition must hold before an alert opens
 * @param notEvaluatedReason why the evaluator could not evaluate it last time, or null
 */
public record AlertRule(long id, long consortiumId, RuleKind kind, long threshold, long windowSeconds,
        long forSeconds, boolean enabled, String createdBy, long createdAt, String notEvaluatedReason,
        Long lastEvaluatedAt) {}
