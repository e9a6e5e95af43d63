package io.consortia.platform.audit;

import java.util.Objects;

/**
 * What happened, as a feature reports it to {@link AuditTrail#record}. Never put secrets here
 * (passwords, secret keys, request bodies that carry them): records are kept forever and exported.
 *
 * @param actorKind USER, ACCESS_KEY, or PLATFORM (the platform acting on its own, e.g. a scheduled job)
 * @param actor the username, the access key id, or a name of the job; "anonymous" when unknown
 * @param organizationId the actor's organisation, null for platform users and unknown callers
 * @param action method and route template ("POST /api/v1/consortia/{id}/channels") or a feature's verb
 * @param target what was acted on ("id=7 channel=trade"); empty when nothing in particular
 * @param sourceAddress the caller's network address
 * @param status the outcome as an HTTP status (2xx succeeded)
 * @param details short, secret-free context
 */
public record AuditEvent(String actorKind, String actor, Long organizationId, String action, String target,
        String sourceAddress, int status, String details) {

    public static final String USER = "USER";
    public static final String ACCESS_KEY = "ACCESS_KEY";
    public static final String PLATFORM = "PLATFORM";
    public static final String ANONYMOUS = "anonymous";

    public AuditEvent {
        actorKind = clip(Objects.requireNonNullElse(actorKind, USER), 16);
        actor = clip(Objects.requireNonNullElse(actor, ANONYMOUS), 128);
        action = clip(Objects.requireNonNull(action, "action"), 200);
        target = clip(Objects.requireNonNullElse(target, ""), 1000);
        sourceAddress = clip(Objects.requireNonNullElse(sourceAddress, ""), 64);
        details = clip(Objects.requireNonNullElse(details, ""), 2000);
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
