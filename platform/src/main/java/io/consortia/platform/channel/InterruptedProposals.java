package io.consortia.platform.channel;

import io.consortia.platform.system.PlatformAction;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends, at platform start, the proposals whose application a stop interrupted. An APPLYING proposal is
 * applied by a thread of the platform that took it; after a restart no thread runs it, and APPLYING
 * refused everything for good: applying it again, a new proposal for the same change, the leave of an
 * organisation whose channel it changes. FAILED with a note that says so, it is applied again as after
 * any failed run (the operations are written to be run again: each step checks what is done).
 * The deployments the same stop interrupted are ended by the supervisor.
 *
 * <p>Failing a proposal is the platform's own doing, not a caller's: each is published as a
 * {@link PlatformAction}, so the auditor sees why a proposal voted through ended FAILED.
 */
@Component
class InterruptedProposals {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedProposals.class);
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    InterruptedProposals(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        List<Interrupted> interrupted = failAll();
        if (!interrupted.isEmpty()) {
            LOG.warn("{} channel or membership proposal(s) were being applied when the platform stopped; they are "
                    + "FAILED and can be applied again", interrupted.size());
        }
        for (Interrupted proposal : interrupted) {
            events.publishEvent(new PlatformAction("platform-start", "proposal.fail", null,
                    "proposal=" + proposal.id(), 200, PlatformAction.facts("proposal", proposal.id(),
                            "kind", proposal.kind(), "channel", proposal.channel(),
                            "consortium", proposal.consortiumId(), "organization", proposal.organizationId(),
                            "proposedBy", proposal.proposedBy(), "proposalStatus", "FAILED",
                            "reason", ProposalNotes.INTERRUPTED)));
        }
    }

    /** Fails the APPLYING proposals; returns them, oldest first. */
    List<Interrupted> failAll() {
        List<Interrupted> interrupted = jdbc.sql("select p.id, p.kind, c.name, p.consortium_id, p.organization_id, "
                        + "p.proposed_by from channel_proposals p left join channels c on c.id = p.channel_id "
                        + "where p.status = 'APPLYING' order by p.id")
                .query((rs, n) -> new Interrupted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6)))
                .list();
        jdbc.sql("update channel_proposals set status = 'FAILED', note = ? where status = 'APPLYING'")
                .param(ProposalNotes.INTERRUPTED).update();
        return interrupted;
    }

    /** A proposal a platform stop interrupted; {@code channel} is null for a consortium membership proposal. */
    record Interrupted(long id, String kind, String channel, long consortiumId, long organizationId,
            String proposedBy) {}
}
