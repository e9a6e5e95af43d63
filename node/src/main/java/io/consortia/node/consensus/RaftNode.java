package io.consortia.node.consensus;

import io.consortia.node.channel.ChannelException;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.security.TlsMaterial;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Peer;
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

    public RaftNode(NodeConfig config, TlsMaterial tls, Function<RaftGroupId, StateMachine> stateMachines) {
        this.config = config;
        this.properties = properties(config);
        this.parameters = new Parameters();
        if (tls != null) {
            GrpcConfigKeys.TLS.setConf(parameters, tls.ratisConfig());
        }
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
        // Entries are whole batches (up to batching.maxBytes): make every buffer on their way larger.
        SizeInBytes entryRoom = SizeInBytes.valueOf(Math.max(32L << 20, 4L * config.batching().maxBytes()));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entryRoom.getSize() + (1 << 20)));
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, entryRoom);
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(entryRoom.getSize() + (1 << 20)));
        return p;
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

    private static RaftPeer peer(Peer p) {
        return RaftPeer.newBuilder().setId(p.getNodeId()).setAddress(p.getRaftAddress()).build();
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

    public List<String> peers(String channel) {
        try {
            return server.getDivision(groupId(channel)).getGroup().getPeers().stream()
                    .map(p -> p.getId().toString()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
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
