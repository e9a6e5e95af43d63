package io.consortia.platform.event;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.GatewayPool;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.protocol.v1.Block;
import io.consortia.sdk.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Committed blocks read from a channel's nodes, as the reading organisation's admin identity.
 * Recent blocks are kept in a small cache, since every subscription of a channel reads the same
 * new blocks; a committed block never changes, so the cache is never stale.
 */
@Component
class BlockSource {
    private static final int CACHED = 64;
    private final ChannelService channels;
    private final NetworkClients clients;
    private final Map<String, Block> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Block> eldest) {
            return size() > CACHED;
        }
    };

    BlockSource(ChannelService channels, NetworkClients clients) {
        this.channels = channels;
        this.clients = clients;
    }

    /** Block {@code number}, or empty when it is not committed yet. Node failures propagate (GatewayException). */
    Optional<Block> block(ChannelRecord channel, long organizationId, long number) {
        String key = channel.id() + ":" + number;
        synchronized (cache) {
            Block cached = cache.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Block block;
        try (GatewayPool.Lease lease = clients.readerLease(channel.consortiumId(), organizationId,
                channels.peers(channel))) {
            block = lease.call(gateway -> gateway.channel(channel.name()).blockByNumber(number));
        } catch (GatewayException e) {
            if (e.status().map(s -> s.getCode() == io.grpc.Status.Code.NOT_FOUND).orElse(false)) {
                return Optional.empty();
            }
            throw e;
        }
        synchronized (cache) {
            cache.put(key, block);
        }
        return Optional.of(block);
    }

    /** The channel's height: the number of the next block to commit. */
    long height(ChannelRecord channel, long organizationId) {
        try (GatewayPool.Lease lease = clients.readerLease(channel.consortiumId(), organizationId,
                channels.peers(channel))) {
            return lease.call(gateway -> gateway.channel(channel.name()).chainInfo().getHeight());
        }
    }
}
