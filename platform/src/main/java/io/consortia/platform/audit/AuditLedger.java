package io.consortia.platform.audit;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.GatewayPool;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.sdk.Gateway;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The ledger side of the trail: opens the notarization contract on a channel for the notary
 * (signing) and for verify (reading the configured channel's anchor index).
 */
@Component
class AuditLedger {
    private final ChannelService channels;
    private final NetworkClients clients;
    private final AuditProperties properties;

    AuditLedger(ChannelService channels, NetworkClients clients, AuditProperties properties) {
        this.channels = channels;
        this.clients = clients;
        this.properties = properties;
    }

    /** Runs the work on the channel's notarization contract as the organisation's admin identity. */
    <T> T on(long consortiumId, ChannelRecord channel, long organizationId, Function<LedgerAnchors, T> work) {
        try (GatewayPool.Lease lease = clients.readerLease(consortiumId, organizationId, channels.peers(channel))) {
            return lease.call((Gateway gateway) -> work.apply(new LedgerAnchors(
                    gateway.channel(channel.name()).contract("notarization"), consortiumId)));
        }
    }

    /**
     * Every anchor on the configured channel (consortia.audit.anchor.*), or why it could not
     * be read. Only the configuration, never the database, says where to look: the database is
     * what verify checks.
     */
    OnChainCheck check() {
        Long consortiumId = properties.anchor().consortiumId();
        String channelName = properties.anchor().channel();
        if (consortiumId == null) {
            return OnChainCheck.notConfigured();
        }
        try {
            ChannelRecord channel = channels.require(consortiumId, channelName);
            return OnChainCheck.read(consortiumId, channelName, on(consortiumId, channel,
                    channel.organizationIds().get(0), LedgerAnchors::all));
        } catch (RuntimeException e) {
            return OnChainCheck.unreadable(consortiumId, channelName, e.getMessage());
        }
    }
}
