package io.consortia.platform.audit;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.NodeRefusals;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformAction;
import io.consortia.platform.system.PlatformException;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

/**
 * Notarizes the chain's head on a channel, so that rewriting the whole trail (which the hash
 * chain alone cannot reveal to someone who controls the database) contradicts a ledger the
 * platform does not control alone. The document hash is the head record's hash; the metadata
 * names it ({@code consortia-audit-head seq=<n>}). Each notarization is also appended to the
 * channel's {@link AnchorIndex}, where verify finds the newest head without the database.
 *
 * <p>Each notarization it submits is recorded in the trail it notarizes, as a {@code PLATFORM}
 * record of actor {@value #JOB} naming the transaction and the organisation whose admin identity
 * signed it: the transaction is on the ledger under that organisation's name, and nobody there
 * sent it. That record is a new head, which the schedule leaves to the next notarization (see
 * {@link #onlyOwnRecordSince}): notarizing it would write a record of that, and so on for ever.
 */
@Service
class AuditNotary {
    private static final Logger LOG = LoggerFactory.getLogger(AuditNotary.class);
    /** The actor of the records of its notarizations. */
    static final String JOB = "audit-notary";
    static final String ACTION = "audit.notarize";
    private final AuditTrail trail;
    private final AuditRepository records;
    private final ChannelService channels;
    private final AuditLedger ledger;
    private final AuditProperties properties;
    private final OrganizationService organizations;
    private final TaskScheduler scheduler;
    private final Object lock = new Object();
    private ScheduledFuture<?> schedule;

    AuditNotary(AuditTrail trail, AuditRepository records, ChannelService channels, AuditLedger ledger,
            AuditProperties properties, OrganizationService organizations, TaskScheduler scheduler) {
        this.trail = trail;
        this.records = records;
        this.channels = channels;
        this.ledger = ledger;
        this.properties = properties;
        this.organizations = organizations;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.anchor().consortiumId() != null) {
            schedule = scheduler.scheduleWithFixedDelay(this::scheduled, properties.anchor().interval());
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /**
     * Asks the ledger every time, not the database, whether the head is notarized already: the
     * anchor index is where verify looks, and a head notarized before the index existed gets its
     * entry this way.
     */
    private void scheduled() {
        AuditProperties.Anchor target = properties.anchor();
        try {
            Optional<AuditRecord> head = trail.head();
            long notarized = records.lastAnchored().map(AuditAnchor::sequence).orElse(0L);
            if (head.isPresent() && !onlyOwnRecordSince(head.get(), notarized)) {
                anchor(target.consortiumId(), target.channel(), target.organizationId(), "schedule");
            }
        } catch (RuntimeException e) {
            LOG.warn("Notarizing the audit head on channel {} of consortium {} failed: {}", target.channel(),
                    target.consortiumId(), e.getMessage());
        }
    }

    /**
     * Notarizes the current head now: its hash, then its entry in the channel's anchor index
     * ({@link AnchorIndex}). Refused (409) when the trail does not contain the newest head
     * notarized there, which is what verify would report: notarizing the shortened trail would
     * hide the deletion. A failure to write is stored (status FAILED) and thrown.
     */
    AuditAnchor anchor(long consortiumId, String channelName, Long organizationId) {
        return anchor(consortiumId, channelName, organizationId, "request");
    }

    /**
     * Whether nothing happened since record {@code notarized} was notarized but the notary's record of
     * that: the head is its record of a notarization that went through, right after the notarized record.
     * Records written while the transaction was on its way come between the two and are notarized next.
     */
    static boolean onlyOwnRecordSince(AuditRecord head, long notarized) {
        return AuditEvent.PLATFORM.equals(head.actorKind()) && JOB.equals(head.actor()) && ACTION.equals(head.action())
                && head.status() / 100 == 2 && head.sequence() == notarized + 1;
    }

    private AuditAnchor anchor(long consortiumId, String channelName, Long organizationId, String trigger) {
        synchronized (lock) {
            AuditRecord head = trail.head().orElseThrow(() -> PlatformException.conflict(
                    "The audit trail is empty: there is no head to notarize"));
            ChannelRecord channel = channels.require(consortiumId, channelName);
            if (!"ACTIVE".equals(channel.status())) {
                throw PlatformException.conflict("Channel " + channelName + " is " + channel.status());
            }
            long organization = organizationId != null ? organizationId : channel.organizationIds().get(0);
            if (!channel.organizationIds().contains(organization)) {
                throw PlatformException.invalid("Organisation " + organization + " is not in channel " + channelName);
            }
            Optional<AuditAnchor> last = records.lastAnchored();
            if (last.isPresent() && last.get().sequence() > head.sequence()) {
                throw PlatformException.conflict("The audit trail ends at record " + head.sequence()
                        + " but record " + last.get().sequence() + " was notarized: records were deleted; "
                        + "verify the chain (GET /api/v1/audit/verify)");
            }
            Optional<OnChainAnchor> latest;
            try {
                latest = ledger.on(consortiumId, channel, organization, LedgerAnchors::latest);
            } catch (RuntimeException e) {
                throw PlatformException.unavailable("Reading the audit anchors of channel " + channelName
                        + " failed: " + e.getMessage(), e);
            }
            if (latest.isPresent()) {
                requireInTrail(latest.get(), head, consortiumId, channelName);
                if (latest.get().sequence() == head.sequence()) {
                    return alreadyAnchored(latest.get(), consortiumId, channelName);
                }
            }
            long after = latest.map(OnChainAnchor::index).orElse(0L);
            try {
                LedgerAnchors.Anchoring anchored = ledger.on(consortiumId, channel, organization,
                        anchors -> anchors.anchor(after, head));
                long id = records.insertAnchor(head.sequence(), head.hash(), consortiumId, channelName,
                        anchored.head().transactionId(), anchored.head().blockNumber(), "ANCHORED", null);
                trail.notarized(head.sequence(), head.hash(), anchored.head().transactionId());
                record(201, consortiumId, channelName, organization, trigger, head, PlatformAction.facts(
                        "transaction", anchored.head().transactionId(), "block", anchored.head().blockNumber(),
                        "anchor", anchored.entry().index(), "anchorTransaction", anchored.entry().transactionId()));
                LOG.info("Audit head {} (record {}) notarized in transaction {}, anchor {} of channel {} in "
                        + "transaction {}", head.hash(), head.sequence(), anchored.head().transactionId(),
                        anchored.entry().index(), channelName, anchored.entry().transactionId());
                return records.anchors(50).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
            } catch (RuntimeException e) {
                PlatformException problem = problem(e, channelName);
                // the reason is listed to auditors: the caller's words, not gRPC's (those are logged)
                records.insertAnchor(head.sequence(), head.hash(), consortiumId, channelName, null, null, "FAILED",
                        problem.getMessage());
                record(problem.status().value(), consortiumId, channelName, organization, trigger, head,
                        PlatformAction.facts("reason", problem.getMessage()));
                throw problem;
            }
        }
    }

    /**
     * The PLATFORM record of a notarization submitted (201) or failed: where, which record, whose
     * identity signed (the organisation's admin identity, held by the platform), and what came of it.
     */
    private void record(int status, long consortiumId, String channelName, long organization, String trigger,
            AuditRecord head, java.util.Map<String, Object> outcome) {
        java.util.Map<String, Object> facts = PlatformAction.facts("consortium", consortiumId, "channel", channelName,
                "record", head.sequence(), "headHash", head.hash(), "organization", organization,
                "signedBy", "admin@" + organizationName(organization), "trigger", trigger);
        facts.putAll(outcome);
        try {
            trail.record(PlatformActions.event(new PlatformAction(JOB, ACTION, organization,
                    "consortium=" + consortiumId + " channel=" + channelName, status, facts)));
        } catch (RuntimeException e) {
            // the transaction is on the ledger already: losing its record must be loud, not undo the notarization
            LOG.error("Could not record the notarization of audit record {} in the audit trail", head.sequence(), e);
        }
    }

    private String organizationName(long id) {
        try {
            return organizations.get(id).name();
        } catch (RuntimeException e) {
            return "organization-" + id; // deleted since: its id still says whose identity it was
        }
    }

    private static PlatformException problem(RuntimeException e, String channelName) {
        if (e instanceof PlatformException p) {
            return p;
        }
        if (e instanceof io.consortia.sdk.GatewayException g && g.status().isPresent()) {
            return NodeRefusals.of(g, channelName); // gRPC's words (internal addresses) are logged there
        }
        return PlatformException.unavailable("Notarizing the audit head failed: " + e.getMessage(), e);
    }

    /** The trail must hold the newest head notarized on the channel, as it was then. */
    private void requireInTrail(OnChainAnchor latest, AuditRecord head, long consortiumId, String channelName) {
        String where = "anchor " + latest.index() + " on channel " + channelName + " of consortium " + consortiumId
                + " (transaction " + latest.headTransactionId() + ")";
        if (latest.sequence() > head.sequence()) {
            throw PlatformException.conflict("The audit trail ends at record " + head.sequence() + " but " + where
                    + " notarized record " + latest.sequence() + ": records were deleted; verify the chain "
                    + "(GET /api/v1/audit/verify)");
        }
        String hash = latest.sequence() == head.sequence() ? head.hash()
                : records.bySequence(latest.sequence()).map(AuditRecord::hash).orElse("(missing)");
        if (!hash.equals(latest.headHash())) {
            throw PlatformException.conflict("Record " + latest.sequence() + " hashes to " + hash + " but " + where
                    + " notarized " + latest.headHash() + ": the chain was rewritten; verify the chain "
                    + "(GET /api/v1/audit/verify)");
        }
    }

    /**
     * The head is the newest anchor on chain already: its row, written again if the database
     * lost it (the ledger is the authority; the row is what the API lists).
     */
    private AuditAnchor alreadyAnchored(OnChainAnchor latest, long consortiumId, String channelName) {
        return records.anchored(latest.sequence(), latest.headHash(), consortiumId, channelName).orElseGet(() -> {
            long id = records.insertAnchor(latest.sequence(), latest.headHash(), consortiumId, channelName,
                    latest.headTransactionId(), null, "ANCHORED", null);
            return records.anchors(50).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
        });
    }
}
