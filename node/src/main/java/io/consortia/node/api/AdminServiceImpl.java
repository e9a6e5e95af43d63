package io.consortia.node.api;

import io.consortia.node.backup.BackupStreamer;
import io.consortia.node.backup.NodeBackup;
import io.consortia.node.backup.RestoreReceiver;
import io.consortia.node.backup.RestoreStage;
import io.consortia.node.channel.ChannelRuntime;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.protocol.v1.AdminServiceGrpc;
import io.consortia.protocol.v1.BackupChunk;
import io.consortia.protocol.v1.BackupRequest;
import io.consortia.protocol.v1.ChannelResponse;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.CreateChannelRequest;
import io.consortia.protocol.v1.JoinChannelRequest;
import io.consortia.protocol.v1.NodeStatus;
import io.consortia.protocol.v1.NodeStatusRequest;
import io.consortia.protocol.v1.ReloadCredentialsRequest;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import io.consortia.protocol.v1.RestoreChunk;
import io.consortia.protocol.v1.RestoreOutcome;
import io.consortia.protocol.v1.StagedRestore;
import io.grpc.stub.StreamObserver;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;

/** Channel administration and node status; only an admin of the node's organisation may call it. */
final class AdminServiceImpl extends AdminServiceGrpc.AdminServiceImplBase {
    static final String VERSION = "0.1.0";

    private final NodeConfig config;
    private final ChannelManager channels;
    private final Authorization authorization;
    private final long startedMillis;
    private final CredentialReload credentials;
    private final NodeBackup backup;
    private final RestoreStage restoreStage;
    private final Optional<RestoreOutcome> lastRestore;

    AdminServiceImpl(NodeConfig config, ChannelManager channels, Authorization authorization, long startedMillis,
                     CredentialReload credentials, Optional<RestoreStage.Outcome> lastRestore) {
        this.config = config;
        this.channels = channels;
        this.authorization = authorization;
        this.startedMillis = startedMillis;
        this.credentials = credentials;
        this.backup = new NodeBackup(config, channels);
        this.restoreStage = new RestoreStage(config);
        this.lastRestore = lastRestore.map(o -> RestoreOutcome.newBuilder().setSha256(o.sha256())
                .setApplied(o.applied()).setReason(o.reason()).setAtMillis(o.atMillis()).build());
    }

    @Override
    public void reloadCredentials(ReloadCredentialsRequest request, StreamObserver<ReloadCredentialsResponse> observer) {
        respond(observer, () -> {
            authorization.requireAdmin("reloading the node's credentials");
            try {
                return credentials.reload();
            } catch (io.consortia.node.config.ConfigException e) {
                throw io.grpc.Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
            }
        });
    }

    /** See {@link io.consortia.node.backup}. */
    @Override
    public void backup(BackupRequest request, StreamObserver<BackupChunk> observer) {
        try {
            authorization.requireAdmin("node backup");
            request.getChannelsList().forEach(RequestLimits::channel);
            BackupStreamer.stream(backup, request.getChannelsList(), observer);
            observer.onCompleted();
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
        }
    }

    /** See {@link RestoreStage}. */
    @Override
    public StreamObserver<RestoreChunk> stageRestore(StreamObserver<StagedRestore> observer) {
        try {
            authorization.requireAdmin("node restore");
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
            return new StreamObserver<>() { // whatever the refused caller still sends is dropped
                @Override
                public void onNext(RestoreChunk chunk) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }
        return new RestoreReceiver(restoreStage, observer);
    }

    @Override
    public void createChannel(CreateChannelRequest request, StreamObserver<ChannelResponse> observer) {
        respond(observer, () -> {
            authorization.requireAdmin("channel administration");
            ChannelRuntime runtime = channels.create(request.getConfig());
            return ChannelResponse.newBuilder().setChannel(runtime.name())
                    .setMessage("channel " + runtime.name() + " is served by " + config.nodeId()).build();
        });
    }

    @Override
    public void joinChannel(JoinChannelRequest request, StreamObserver<ChannelResponse> observer) {
        respond(observer, () -> {
            authorization.requireAdmin("channel administration");
            ChannelRuntime runtime = channels.join(request.getConfig());
            return ChannelResponse.newBuilder().setChannel(runtime.name())
                    .setMessage(config.nodeId() + " joined channel " + runtime.name()
                            + "; it catches up from its peers").build();
        });
    }

    @Override
    public void status(NodeStatusRequest request, StreamObserver<NodeStatus> observer) {
        respond(observer, () -> {
            authorization.requireAdmin("node status");
            return status();
        });
    }

    NodeStatus status() {
        NodeStatus.Builder status = NodeStatus.newBuilder().setNodeId(config.nodeId())
                .setOrganization(config.organization()).setVersion(VERSION).setStartedMillis(startedMillis);
        lastRestore.ifPresent(status::setLastRestore);
        channels.all().stream().sorted(Comparator.comparing(ChannelRuntime::name))
                .forEach(c -> status.addChannels(channelStatus(c)));
        return status.build();
    }

    private ChannelStatus channelStatus(ChannelRuntime c) {
        ChannelStatus.Builder b = ChannelStatus.newBuilder().setName(c.name()).setHeight(c.ledger().height())
                .setAppliedIndex(c.appliedIndex()).setConfigVersion(Math.max(1, c.config().getVersion()))
                .setRemoved(channels.isRemoved(c.name()));
        if (channels.isRemoved(c.name()) && !channels.raft().hasGroup(c.name())) {
            return b.build(); // no Raft member any more: no role, term or peers to report
        }
        // a removed node's member stays until the group no longer needs its vote: it still has a role
        b.addAllPeers(channels.raft().peers(c.name())).addAllLearners(channels.raft().learners(c.name()));
        channels.raft().info(c.name()).ifPresent(info -> {
            b.setRaftRole(info.getCurrentRole().name()).setRaftTerm(info.getCurrentTerm());
            if (info.getLeaderId() != null) {
                b.setRaftLeader(info.getLeaderId().toString());
            }
        });
        return b.build();
    }

    private static <T> void respond(StreamObserver<T> observer, Supplier<T> body) {
        try {
            observer.onNext(body.get());
            observer.onCompleted();
        } catch (RuntimeException e) {
            observer.onError(Statuses.of(e));
        }
    }
}
