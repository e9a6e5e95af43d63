package io.consortia.platform.audit;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.GatewayPool;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.system.PlatformException;
import io.consortia.sdk.SubmitResult;
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
 * names it ({@code consortia-audit-head seq=<n>}).
 */
@Service
class AuditNotary {
    private static final Logger LOG = LoggerFactory.getLogger(AuditNotary.class);
    private final AuditTrail trail;
    private final AuditRepository records;
    private final ChannelService channels;
    private final NetworkClients clients;
    private final AuditProperties properties;
    private final TaskScheduler scheduler;
    private final Object lock = new Object();
    private ScheduledFuture<?> schedule;

    AuditNotary(AuditTrail trail, AuditRepository records, ChannelService channels, NetworkClients clients,
            AuditProperties properties, TaskScheduler scheduler) {
        this.trail = trail;
        this.records = records;
        this.channels = channels;
        this.clients = clients;
        this.properties = properties;
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

    private void scheduled() {
        AuditProperties.Anchor target = properties.anchor();
        try {
            Optional<AuditRecord> head = trail.head();
            Optional<AuditAnchor> last = records.lastAnchored();
            if (head.isEmpty() || last.map(a -> a.sequence() == head.get().sequence()).orElse(false)) {
                return; // nothing new since the last notarization
            }
            anchor(target.consortiumId(), target.channel(), target.organizationId());
        } catch (RuntimeException e) {
            LOG.warn("Notarizing the audit head on channel {} of consortium {} failed: {}", target.channel(),
                    target.consortiumId(), e.getMessage());
        }
    }

    /** Notarizes the current head now; a failure is stored (status FAILED) and thrown. */
    AuditAnchor anchor(long consortiumId, String channelName, Long organizationId) {
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
            if (last.isPresent() && last.get().sequence() == head.sequence()
                    && last.get().headHash().equals(head.hash()) && last.get().consortiumId() == consortiumId
                    && last.get().channel().equals(channelName)) {
                return last.get(); // notarized already (the contract would refuse the same hash twice)
            }
            if (last.isPresent() && last.get().sequence() > head.sequence()) {
                throw PlatformException.conflict("The audit trail ends at record " + head.sequence()
                        + " but record " + last.get().sequence() + " was notarized: records were deleted; "
                        + "verify the chain (GET /api/v1/audit/verify)");
            }
            try (GatewayPool.Lease lease = clients.readerLease(consortiumId, organization, channels.peers(channel))) {
                SubmitResult result = lease.call(gateway -> gateway.channel(channelName).contract("notarization")
                        .submit("record", head.hash(), "consortia-audit-head seq=" + head.sequence()));
                long id = records.insertAnchor(head.sequence(), head.hash(), consortiumId, channelName,
                        result.transactionId(), result.blockNumber(), "ANCHORED", null);
                LOG.info("Audit head {} (record {}) notarized in transaction {}", head.hash(), head.sequence(),
                        result.transactionId());
                return records.anchors(50).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
            } catch (RuntimeException e) {
                records.insertAnchor(head.sequence(), head.hash(), consortiumId, channelName, null, null, "FAILED",
                        e.getMessage());
                if (e instanceof PlatformException p) {
                    throw p;
                }
                throw PlatformException.unavailable("Notarizing the audit head failed: " + e.getMessage(), e);
            }
        }
    }
}
