package io.consortia.platform.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
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
 */
@Component
class InterruptedProposals {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedProposals.class);
    private final JdbcClient jdbc;

    InterruptedProposals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        int interrupted = failAll();
        if (interrupted > 0) {
            LOG.warn("{} channel or membership proposal(s) were being applied when the platform stopped; they are "
                    + "FAILED and can be applied again", interrupted);
        }
    }

    int failAll() {
        return jdbc.sql("update channel_proposals set status = 'FAILED', note = ? where status = 'APPLYING'")
                .param(ProposalNotes.INTERRUPTED).update();
    }
}
