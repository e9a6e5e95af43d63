package io.consortia.platform.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something the platform did on its own, not for a request (the supervisor restarted a node, a
 * restart failed an interrupted deployment): published as an application event, which the audit
 * trail records as a {@code PLATFORM} record. An event, not a call, because the features that act
 * sit below the audit feature. When an organisation's custodial identity signed, the facts say
 * whose ({@code organization}, {@code signedBy}).
 *
 * @param job who in the platform acted ("supervisor"): the record's actor
 * @param action a verb ("node.restart")
 * @param organizationId the organisation whose custodial identity signed, or whose node was acted on
 *     (its admins see the record); null when none in particular
 * @param target what was acted on ("node=c1-org1-0")
 * @param status the outcome as an HTTP status (2xx succeeded)
 * @param facts secret-free {@code key="value"} facts, as {@link AuditNotes} notes them, in this order
 */
public record PlatformAction(String job, String action, Long organizationId, String target, int status,
        Map<String, Object> facts) {

    public PlatformAction {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(action, "action");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        AuditNotes.facts(facts); // a bad key fails where the action is made, not in the trail
    }

    /** Facts in the order given: key, value, key, value, … (a null value is left out of the record). */
    public static Map<String, Object> facts(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Facts come as key, value pairs");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            facts.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return facts;
    }
}
