package io.consortia.node.api;

import io.consortia.node.backup.RestoreStage;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.security.NodeIdentity;
import io.consortia.node.security.TlsMaterial;
import io.consortia.protocol.v1.NodeStatus;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's gRPC endpoint: transactions, ledger, admin, peer and the standard gRPC health service. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Server server;
    private final LedgerServiceImpl ledger;
    private final AdminServiceImpl admin;
    private final HealthStatusManager health = new HealthStatusManager();
    private final SubmitExecutor submitExecutor = SubmitExecutor.forThisMachine();

    /** @param lastRestore what this start did with a staged restore, reported in the node's status */
    public ApiServer(NodeConfig config, TlsMaterial tls, NodeIdentity identity, ChannelManager channels,
                     long startedMillis, Optional<RestoreStage.Outcome> lastRestore) {
        Authorization authorization = new Authorization(tls != null, config.organization());
        CallerInterceptor callers = new CallerInterceptor();
        DescriptionLimit descriptions = new DescriptionLimit();
        RateLimitedLog refusals = RequestParsing.refusalLog();
        this.ledger = new LedgerServiceImpl(channels, new ChannelReaders(tls != null));
        this.admin = new AdminServiceImpl(config, channels, authorization, startedMillis,
                new CredentialReload(identity, tls), lastRestore);
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(config.api().host(), config.api().port()))
                // a batch of transactions may be large; single transactions are limited at admission
                .maxInboundMessageSize(Math.max(16 << 20, config.batching().maxBytes() * 2))
                .directExecutor() // only the method lookup: every call then runs where submitExecutor says
                .callExecutor(submitExecutor)
                .addService(guarded(new TransactionServiceImpl(channels, Duration.ofSeconds(60)).bindService(),
                        callers, descriptions, refusals))
                .addService(guarded(ledger.bindService(), callers, descriptions, refusals))
                .addService(guarded(admin.bindService(), callers, descriptions, refusals))
                .addService(guarded(new PeerServiceImpl(channels, authorization,
                        config.dataDir().resolve("tmp")).bindService(), callers, descriptions, refusals))
                .addService(health.getHealthService());
        if (tls != null) {
            builder.sslContext(tls.serverContext());
        }
        this.server = builder.build();
    }

    /**
     * The service as exposed: the caller's certificate in the context, requests parsed by the
     * service's own call (an unparsable one is INVALID_ARGUMENT), every description bounded.
     */
    private static ServerServiceDefinition guarded(ServerServiceDefinition service, CallerInterceptor callers,
                                                   DescriptionLimit descriptions, RateLimitedLog refusals) {
        return ServerInterceptors.intercept(RequestParsing.wrap(ServerInterceptors.intercept(service, callers),
                refusals), descriptions);
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new io.consortia.node.NodeException("cannot listen on the API port: " + e.getMessage(), e);
        }
        LOG.info("API listening on {}", server.getListenSockets());
    }

    public NodeStatus status() {
        return admin.status();
    }

    @Override
    public void close() {
        health.enterTerminalState();
        server.shutdown();
        ledger.close();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        } finally {
            submitExecutor.close();
        }
    }
}
