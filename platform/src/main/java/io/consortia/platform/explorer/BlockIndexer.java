package io.consortia.platform.explorer;

import io.consortia.crypto.Hashes;
import io.consortia.platform.channel.ChannelActivated;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.ChannelsRemoving;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.system.PlatformProperties;
import io.consortia.protocol.v1.Block;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Subscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Follows the block stream of every active channel and indexes each block with its
 * transactions, in order, once. Before storing block n it checks that the header hashes to the
 * block's hash and that its previous hash is the stored hash of block n-1; a mismatch marks the
 * channel's index BROKEN and stops following it (the database is never fed a forked chain).
 * A stream that ends (node restarts, network loss, platform restart) is re-opened by a
 * watchdog from the block after the last one indexed.
 *
 * <p>Channels are followed only while their network is meant to run (the consortium is
 * DEPLOYING or RUNNING): a stopped network's streams are closed and not re-opened, rather than
 * failing and being logged every watchdog round until the network is deleted; when the network
 * is started again the next round follows it. {@code consortia_platform_index_streams_open} is
 * the number of streams held open, {@code consortia_platform_index_follow_attempts_total} counts
 * the streams opened (or tried), {@code consortia_platform_index_watchdog_rounds_total} the
 * watchdog's rounds.
 */
@Component
class BlockIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(BlockIndexer.class);
    private final ChannelService channels;
    private final ConsortiumService consortia;
    private final NetworkClients clients;
    private final IndexRepository index;
    private final TaskScheduler scheduler;
    private final PlatformProperties properties;
    private final Map<Long, Follower> followers = new ConcurrentHashMap<>();
    /**
     * Channels whose rows are being deleted (a network's deletion): never followed or written again.
     * A watchdog round, or a block delivered a moment after the stream was closed, would otherwise
     * write their index state or a block between the deletion's statements, and the channel's row
     * could not be deleted under it (a foreign key): the network's deletion FAILED.
     */
    private final Set<Long> removed = ConcurrentHashMap.newKeySet();
    /** Held to store a block; taken whole while channels are marked removed, so no store is half-way then. */
    private final ReentrantReadWriteLock storing = new ReentrantReadWriteLock();
    private final Counter followAttempts;
    private final Counter watchdogRounds;
    private volatile boolean running;
    private ScheduledFuture<?> watchdog;

    BlockIndexer(ChannelService channels, ConsortiumService consortia, NetworkClients clients, IndexRepository index,
            TaskScheduler scheduler, PlatformProperties properties, MeterRegistry meters) {
        this.channels = channels;
        this.consortia = consortia;
        this.clients = clients;
        this.index = index;
        this.scheduler = scheduler;
        this.properties = properties;
        this.followAttempts = Counter.builder("consortia.platform.index.follow.attempts")
                .description("Block streams the explorer opened or tried to open").register(meters);
        this.watchdogRounds = Counter.builder("consortia.platform.index.watchdog.rounds")
                .description("Rounds of the explorer's watchdog over the followed channels").register(meters);
        // an open stream to a stopped network is one the SDK resumes, and logs as broken, every few seconds
        Gauge.builder("consortia.platform.index.streams.open", followers,
                        all -> all.values().stream().filter(f -> !f.subscription().isClosed()).count())
                .description("Block streams the explorer holds open (one per followed channel)").register(meters);
    }

    private record Follower(Gateway gateway, Subscription subscription) {
        void close() {
            subscription.close();
            gateway.close();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void startAll() {
        running = true;
        channels.active().stream().filter(this::networkRuns).forEach(channel -> followQuietly(channel.id()));
        watchdog = scheduler.scheduleWithFixedDelay(this::reopenBroken, properties.explorer().watchdogInterval());
    }

    @EventListener
    void onActivated(ChannelActivated event) {
        if (running) {
            followQuietly(event.channelId());
        }
    }

    @EventListener
    void onRemoving(ChannelsRemoving event) {
        storing.writeLock().lock();
        try {
            removed.addAll(event.channelIds());
        } finally {
            storing.writeLock().unlock();
        }
        event.channelIds().forEach(this::unfollow); // waits for a follow under way, which then wrote its state
    }

    @EventListener(ContextClosedEvent.class)
    void stopAll() {
        running = false;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        followers.keySet().forEach(this::unfollow);
    }

    void reopenBroken() {
        watchdogRounds.increment();
        try {
            for (ChannelRecord channel : channels.active()) {
                if (!networkRuns(channel)) {
                    unfollow(channel.id()); // stopped: nothing to stream until it is started again
                    continue;
                }
                Follower follower = followers.get(channel.id());
                if (follower == null || follower.subscription().isClosed()) {
                    followQuietly(channel.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Explorer watchdog round failed", e);
        }
    }

    /** Whether the channel's network is meant to be up: deploying (its first channel) or running. */
    private boolean networkRuns(ChannelRecord channel) {
        ConsortiumStatus status = consortia.get(channel.consortiumId()).status();
        return status == ConsortiumStatus.RUNNING || status == ConsortiumStatus.DEPLOYING;
    }

    /** Never fails the caller (a channel creation, a start): the watchdog tries again. */
    private void followQuietly(long channelId) {
        try {
            follow(channelId);
        } catch (RuntimeException e) {
            LOG.warn("Cannot follow channel {} yet; retrying", channelId, e);
        }
    }

    private synchronized void follow(long channelId) {
        if (!running || removed.contains(channelId) || "BROKEN".equals(index.stateOf(channelId).orElse(""))) {
            return;
        }
        Follower existing = followers.get(channelId);
        if (existing != null && !existing.subscription().isClosed()) {
            return;
        }
        if (existing != null) {
            existing.close();
        }
        ChannelRecord channel = channels.byId(channelId).orElse(null);
        if (channel == null) {
            return;
        }
        List<NodeRecord> peers = channels.peers(channel);
        if (peers.isEmpty()) {
            return;
        }
        var hash = consortia.get(channel.consortiumId()).signatureScheme().scheme().hash();
        followAttempts.increment();
        Gateway gateway = clients.reader(channel.consortiumId(), channel.organizationIds().get(0), peers);
        long from = index.nextNumber(channelId);
        try {
            Subscription subscription = gateway.channel(channel.name()).subscribeBlocks(from,
                    block -> store(channelId, block, hash));
            followers.put(channelId, new Follower(gateway, subscription));
            index.state(channelId, "FOLLOWING", null);
            LOG.info("Indexing channel {} ({}) from block {}", channel.name(), channelId, from);
        } catch (RuntimeException e) {
            gateway.close();
            LOG.warn("Cannot follow channel {} yet: {}", channel.name(), e.getMessage());
        }
    }

    private synchronized void unfollow(long channelId) {
        Follower follower = followers.remove(channelId);
        if (follower != null) {
            follower.close();
        }
    }

    private void store(long channelId, Block block, io.consortia.crypto.HashFunction hash) {
        storing.readLock().lock();
        try {
            if (!removed.contains(channelId)) {
                check(channelId, block, hash);
            }
        } finally {
            storing.readLock().unlock();
        }
    }

    private void check(long channelId, Block block, io.consortia.crypto.HashFunction hash) {
        long number = block.getHeader().getNumber();
        long expected = index.nextNumber(channelId);
        if (number < expected) {
            return; // delivered again after a reconnect
        }
        if (number > expected) {
            throw new IllegalStateException("Block " + number + " arrived but " + expected + " is next; re-opening");
        }
        byte[] computed = hash.digest(block.getHeader().toByteArray());
        String problem = null;
        if (!java.util.Arrays.equals(computed, block.getHash().toByteArray())) {
            problem = "Block " + number + " does not hash to the hash it carries";
        } else if (number > 0) {
            String previous = index.hashOf(channelId, number - 1).orElse("");
            if (!previous.equals(Hashes.hex(block.getHeader().getPreviousHash().toByteArray()))) {
                problem = "Block " + number + "'s previous hash is not the hash of indexed block " + (number - 1);
            }
        }
        if (problem != null) {
            LOG.error("Hash chain check failed on channel {}: {}", channelId, problem);
            index.state(channelId, "BROKEN", problem);
            throw new IllegalStateException(problem);
        }
        index.insert(channelId, block);
    }
}
