package io.consortia.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Conditions that keep their lastTransitionTime while their status does not change. */
public final class Conditions {
    private Conditions() {}

    public static Condition of(List<Condition> previous, long generation, String type, boolean status, String reason,
            String message, Instant now) {
        String value = status ? "True" : "False";
        Condition before = previous == null ? null
                : previous.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = before != null && value.equals(before.getStatus()) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime()
                : now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }
}
