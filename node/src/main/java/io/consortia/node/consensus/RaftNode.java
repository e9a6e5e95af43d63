package io.consortia.node.consensus;

import io.consortia.node.channel.ChannelException;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.security.TlsMaterial;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one Ratis server, hosting one Raft group per channel, and the Raft clients used to
 * propose batches. Group ids are derived from channel names, so every node agrees on them.
 */
public final class RaftNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

    private final NodeConfig config;
    private final RaftProperties properties;
    private final Parameters parameters;
    private final RaftServer server;
    private final AtomicLong callIds = new AtomicLong();
    /** The client id of proposals this node makes to its own Raft member. */
    private final ClientId localClient = ClientId.randomId();

    /**
     * @param channels what the Raft port's guard needs to know of the served channels (see {@link RaftPortGuard})
     */
    RaftNode(NodeConfig config, TlsMaterial tls, Function<RaftGroupId, StateMachine> stateMachines,
             RaftPortGuard.Channels channels) {
        this.config = config;
        this.properties = properties(config);
        this.parameters = new Parameters();
        if (tls != null) {
            GrpcConfigKeys.TLS.setConf(parameters, tls.ratisConfig());
        }
        GrpcConfigKeys.Server.setServicesCustomizer(parameters, new RaftPortGuard(tls != null, channels).customizer());
        try {
            this.server = RaftServer.newBuilder()
                    .setServerId(RaftPeerId.valueOf(config.nodeId()))
                    .setProperties(properties)
                    .setParameters(parameters)
                    .setStateMachineRegistry(stateMachines::apply)
                    .build();
        } catch (IOException e) {
            throw new ChannelException("cannot create the Raft server: " + e.getMessage(), e);
        }
    }

    /** The Ratis settings of every node (package-private for the tests that run Ratis with them). */
    static RaftProperties properties(NodeConfig config) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        RaftServerConfigKeys.setStorageDir(p, List.of(config.raftDir().toFile()));
        GrpcConfigKeys.Server.setHost(p, config.raft().host());
        GrpcConfigKeys.Server.setPort(p, config.raft().port());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p,
                TimeDuration.valueOf(config.raft().electionTimeoutMinMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p,
                TimeDuration.valueOf(config.raft().electionTimeoutMaxMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.raft().snapshotThreshold());
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // Only closed segments can be purged: keep them small enough that snapshots free the log.
        long segment = config.raft().segmentSizeMaxBytes() > 0 ? config.raft().segmentSizeMaxBytes()
                : Math.max(8L << 20, 2L * config.batching().maxBytes());
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(segment));
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE, config.raft().snapshotThreshold()));
        // A follower beyond the purged log is told to fetch a checkpoint itself (see ChannelStateMachine).
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, false);
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, appenderRetryPolicy(config.raft().electionTimeoutMinMillis()));
        // A follower appends each request in the order it arrives. Ratis 3.3's default "compose" path
        // answers a request that starts where one still being written starts with that write's
        // completion, so a resent, longer request is acknowledged up to its last entry although only
        // the first one's entries were written; the leader then counts entries the follower lacks,
        // and on an idle channel its heartbeats never go back to resend them (issue 16;
        // FollowerAcknowledgementIT). One failed append also fails every later one in that path.
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
        // Entries are whole batches: make every buffer on their way larger than the largest entry.
        SizeInBytes entryRoom = SizeInBytes.valueOf(entryRoom(config));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entryRoom.getSize() + (1 << 20)));
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, entryRoom);
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(entryRoom.getSize() + (1 << 20)));
        return p;
    }

    /**
     * Room for the largest Raft entry: a batch closes once it holds {@code batching.maxBytes}, so it
     * holds at most that less one byte plus one more transaction ({@code limits.maxTransactionBytes}),
     * and 1 MiB covers the batch's and the entry's framing. Ratis keeps a direct write buffer of
     * this size (plus 1 MiB) for every group, and needs it no smaller than the appender's limit; at
     * 33 MiB a group (the earlier max(32 MiB, 4 x maxBytes)) a node on the default 256 MiB heap, whose
     * direct memory is bounded by it, could not start an eighth channel (OutOfMemoryError: Cannot
     * reserve ... bytes of direct buffer memory). With the defaults this is 6 MiB: about 30 channels.
     */
    static long entryRoom(NodeConfig config) {
        return (long) config.batching().maxBytes() + config.limits().maxTransactionBytes() + (1 << 20);
    }

    /**
     * How long the leader waits before its next append to a follower after a failed one. Ratis
     * backs off to 5 s, and we once backed off to 1 s; both are longer than half the minimum
     * election timeout, and a leader that has waited that long sends a heartbeat instead of
     * entries. A follower that joined from a checkpoint answers a heartbeat whose previous entry
     * predates the checkpoint with "inconsistent, go back one", so the leader then walked back
     * one index per second and the follower received nothing new for minutes (CatchUpIT). Entries
     * get the answer "I am at the checkpoint, continue there" in one round trip. So the wait stays
     * well below the heartbeat interval (Ratis randomises each wait up to 1.5 times), at the cost
     * of about ten connection attempts a second to a follower that is down.
     */
    static String appenderRetryPolicy(int electionTimeoutMinMillis) {
        long wait = Math.max(5, Math.min(100, electionTimeoutMinMillis / 8));
        return "1ms,10, " + wait + "ms," + Integer.MAX_VALUE;
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new ChannelException("cannot start the Raft server on " + config.raft().address() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Raft server {} listening on {}", config.nodeId(), config.raft().address());
    }

    public static RaftGroupId groupId(String channel) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
                ("consortia-channel:" + channel).getBytes(StandardCharsets.UTF_8)));
    }

    public static RaftGroup group(ChannelConfig channel) {
        List<RaftPeer> peers = channel.getPeersList().stream().map(RaftNode::peer).toList();
        return RaftGroup.valueOf(groupId(channel.getName()), peers);
    }

    /** A learner starts as a Ratis listener: it receives the log and never votes. */
    static RaftPeer peer(Peer p) {
        return RaftPeer.newBuilder().setId(p.getNodeId()).setAddress(p.getRaftAddress())
                .setStartupRole(p.getRole() == PeerRole.LEARNER ? RaftPeerRole.LISTENER : RaftPeerRole.FOLLOWER)
                .build();
    }

    public boolean hasGroup(String channel) {
        try {
            for (RaftGroupId id : server.getGroupIds()) {
                if (id.equals(groupId(channel))) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Starts this node's member of the channel's Raft group (idempotent). */
    public void addGroup(ChannelConfig channel) {
        if (hasGroup(channel.getName())) {
            return;
        }
        try {
            RaftClientReply reply = server.groupManagement(GroupManagementRequest.newAdd(
                    ClientId.randomId(), server.getId(), callIds.incrementAndGet(), group(channel)));
            if (!reply.isSuccess()) {
                throw new ChannelException("cannot start the Raft group of channel " + channel.getName()
                        + ": " + reply.getException());
            }
        } catch (IOException e) {
            throw new ChannelException("cannot start the Raft group of channel " + channel.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Proposes a batch to this node's own member of the channel's group, which must be its leader:
     * no Raft client, no network hop, no redirect. A Raft client remembers the leader it last
     * reached; after an election it first sends to that one, and a paused former leader holds the
     * request until the client's timeout (10 s) before the client tries the next server. A member
     * that does not lead (or not yet: a new leader first commits an entry of its own term) answers
     * at once with a refusal, and the caller routes the batch again (see BatchRouter).
     */
    public CompletableFuture<RaftClientReply> proposeLocally(String channel, byte[] entry) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(localClient)
                .setServerId(server.getId())
                .setGroupId(groupId(channel))
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
                .setType(RaftClientRequest.writeRequestType())
                .build();
        try {
            return server.submitClientRequestAsync(request).thenApply(reply -> {
                if (!reply.isSuccess()) {
                    throw new ChannelException("Raft refused the batch: " + reply.getException());
                }
                return reply;
            });
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new ChannelException("cannot propose to channel " + channel + ": "
                    + e.getMessage(), e));
        }
    }

    public Optional<DivisionInfo> info(String channel) {
        try {
            return Optional.of(server.getDivision(groupId(channel)).getInfo());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Node ids of the voting members in Ratis' current configuration of the channel. */
    public List<String> peers(String channel) {
        return membership(channel).map(m -> List.copyOf(m.voters().keySet())).orElse(List.of());
    }

    /** Node ids of the listeners (learners) in Ratis' current configuration of the channel. */
    public List<String> learners(String channel) {
        return membership(channel).map(m -> List.copyOf(m.listeners().keySet())).orElse(List.of());
    }

    /** Ratis' current configuration of the channel's group as this member knows it. */
    public Optional<RaftMembership> membership(String channel) {
        try {
            RaftConfiguration conf = server.getDivision(groupId(channel)).getRaftConf();
            return Optional.of(new RaftMembership(byId(conf.getCurrentPeers(RaftPeerRole.FOLLOWER)),
                    byId(conf.getCurrentPeers(RaftPeerRole.LISTENER)),
                    !conf.getPreviousPeers(RaftPeerRole.FOLLOWER).isEmpty(), conf.getLogEntryIndex()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static java.util.SortedMap<String, String> byId(java.util.Collection<RaftPeer> peers) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        peers.forEach(p -> out.put(p.getId().toString(), p.getAddress()));
        return out;
    }

    /**
     * Asks this node's member, which must lead, to replace the group's configuration (Ratis runs
     * the joint-consensus change and answers once the new configuration is committed).
     */
    public CompletableFuture<RaftClientReply> setConfiguration(String channel, List<RaftPeer> voters,
                                                               List<RaftPeer> listeners) {
        SetConfigurationRequest.Arguments arguments = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(voters).setListenersInNewConf(listeners)
                .setMode(SetConfigurationRequest.Mode.SET_UNCONDITIONALLY).build();
        try {
            return server.setConfigurationAsync(new SetConfigurationRequest(localClient, server.getId(),
                    groupId(channel), callIds.incrementAndGet(), arguments));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Asks this node's member, which must lead, to hand the leadership to {@code to}. */
    public CompletableFuture<RaftClientReply> transferLeadership(String channel, String to, long timeoutMillis) {
        try {
            return server.transferLeadershipAsync(new TransferLeadershipRequest(localClient, server.getId(),
                    groupId(channel), callIds.incrementAndGet(), RaftPeerId.valueOf(to), timeoutMillis));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Closes this node's member of the channel's group and keeps its Raft log, for a member that
     * cannot go on (its log failed): it stops answering its peers until the node restarts.
     */
    public void closeMember(String channel) {
        try {
            server.getDivision(groupId(channel)).close();
        } catch (IOException e) {
            LOG.warn("channel {}: its Raft member was already gone: {}", channel, e.getMessage());
        }
    }

    /**
     * Whether this node's member can leave the channel's group without taking a vote the group
     * still needs: it is no voter of the group's current configuration and, while the group moves
     * from one configuration to another where this node was an old voter, the joint one (which
     * still counts the old voters, this one among them) is committed. A committed channel configuration can remove this node before
     * the leader has even proposed the Raft change that follows it; a member gone then leaves the
     * leader with a joint configuration whose old majority it can never reach (two voters, one of
     * them leaving), and the channel without a leader for good. True when there is no such group.
     */
    public boolean mayLeave(String channel) {
        if (!hasGroup(channel)) {
            return true;
        }
        try {
            var division = server.getDivision(groupId(channel));
            RaftConfiguration conf = division.getRaftConf();
            return mayLeave(conf.getCurrentPeers(RaftPeerRole.FOLLOWER).stream().map(p -> p.getId().toString())
                            .toList(), conf.getPreviousPeers(RaftPeerRole.FOLLOWER).stream()
                            .map(p -> p.getId().toString()).toList(), conf.getLogEntryIndex(),
                    division.getRaftLog().getLastCommittedIndex(), config.nodeId());
        } catch (IOException e) {
            return true; // the group is gone already
        }
    }

    /**
     * @param previousVoters the old voters while the configuration is joint, else empty. Only a voter of
     *     the old configuration waits for the joint one to commit: a listener being dropped never learns
     *     that commit (the leader stops sending it entries), and its acknowledgement counts for nothing
     */
    static boolean mayLeave(List<String> currentVoters, List<String> previousVoters, long confIndex,
                            long committedIndex, String self) {
        return !currentVoters.contains(self) && (!previousVoters.contains(self) || committedIndex >= confIndex);
    }

    /**
     * Stops this node's member of the channel's group and deletes its Raft log (the channel's
     * ledger is elsewhere and stays). Idempotent.
     */
    public void removeGroup(String channel) {
        if (!hasGroup(channel)) {
            return;
        }
        try {
            RaftClientReply reply = server.groupManagement(GroupManagementRequest.newRemove(ClientId.randomId(),
                    server.getId(), callIds.incrementAndGet(), groupId(channel), true, false));
            if (!reply.isSuccess()) {
                throw new ChannelException("cannot stop the Raft group of channel " + channel + ": "
                        + reply.getException());
            }
        } catch (IOException e) {
            throw new ChannelException("cannot stop the Raft group of channel " + channel + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the Raft server failed", e);
        }
    }
}
