package io.consortia.platform.audit;

import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.PlatformAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the platform's own actions ({@link PlatformAction}, published by the features that act
 * on their own) in the same chain as requests, as {@code PLATFORM} records whose actor is the job.
 */
@Component
class PlatformActions {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformActions.class);
    private final AuditTrail trail;

    PlatformActions(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(PlatformAction action) {
        try {
            trail.record(event(action));
        } catch (RuntimeException e) {
            // the action has happened already: losing its record must be loud, not fatal to the job
            LOG.error("Could not record the platform's {} of {} in the audit trail", action.action(), action.target(), e);
        }
    }

    /** A platform action's record: no caller, so no address and no {@code auth=}; its facts are its details. */
    static AuditEvent event(PlatformAction action) {
        return new AuditEvent(AuditEvent.PLATFORM, action.job(), action.organizationId(), action.action(),
                action.target(), "", action.status(), AuditNotes.facts(action.facts()));
    }
}
