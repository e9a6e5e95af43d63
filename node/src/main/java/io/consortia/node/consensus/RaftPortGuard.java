package io.consortia.node.consensus;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Certificates;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.ratis.grpc.server.GrpcServices;
import org.apache.ratis.proto.grpc.RaftServerProtocolServiceGrpc;
import org.apache.ratis.thirdparty.io.grpc.Grpc;
import org.apache.ratis.thirdparty.io.grpc.Metadata;
import org.apache.ratis.thirdparty.io.grpc.ServerCall;
import org.apache.ratis.thirdparty.io.grpc.ServerCallHandler;
import org.apache.ratis.thirdparty.io.grpc.ServerInterceptor;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may talk to the Raft port: only nodes, and only in Raft's own node-to-node protocol.
 *
 * <p>Why: Ratis serves three protocols on one port — the peers' (append entries, votes), a
 * client's (write a log entry) and an administrator's (change the group's membership, remove a
 * group from a server, pause elections, transfer leadership). The node uses neither of the last
 * two over the network: it proposes to and reconfigures its own member in process, and takes
 * membership from the channel configuration the organisations signed. Served, they would let any
 * holder of a certificate from a trusted CA — an application's user among them — append entries
 * past admission, or change or stop a channel's Raft group without any organisation's approval.
 * And Raft trusts whoever speaks its peer protocol, so that needs a node's certificate
 * ({@code OU=node}), as the node's own peer service does. Without TLS (development only) the role
 * cannot be checked; the client and administration protocols are refused all the same.
 */
final class RaftPortGuard implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RaftPortGuard.class);
    private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final boolean tls;
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

    RaftPortGuard(boolean tls) {
        this.tls = tls;
    }

    /** For Ratis' parameters: puts this guard in front of every service of the Raft port. */
    GrpcServices.Customizer customizer() {
        return (builder, types) -> builder.intercept(this);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        String refusal = null;
        if (!RaftServerProtocolServiceGrpc.SERVICE_NAME.equals(service)) {
            refusal = "the Raft port serves only Raft traffic between nodes; " + service
                    + " is not served (submit through the node's API port)";
        } else if (tls) {
            refusal = checkNode(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        }
        if (refusal == null) {
            return next.startCall(call, headers);
        }
        logRefusal(call, refusal);
        call.close(Status.PERMISSION_DENIED.withDescription(refusal), new Metadata());
        return new ServerCall.Listener<>() {};
    }

    /** Null if the caller's TLS certificate is a node's, else why not. */
    static String checkNode(SSLSession session) {
        X509Certificate caller = null;
        if (session != null) {
            try {
                Certificate[] chain = session.getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                    caller = x;
                }
            } catch (SSLPeerUnverifiedException e) {
                caller = null;
            }
        }
        Set<CertificateRole> roles;
        try {
            roles = caller == null ? Set.of() : Certificates.roles(caller);
        } catch (RuntimeException e) {
            roles = Set.of();
        }
        if (roles.contains(CertificateRole.NODE)) {
            return null;
        }
        return "Raft traffic requires a node's TLS certificate (role node, OU=node); the caller's certificate has "
                + (roles.isEmpty() ? "no role" : "role " + roles.stream()
                        .map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList());
    }

    /** Anyone who reaches the port can cause this: one line per 10 s at most. */
    private void logRefusal(ServerCall<?, ?> call, String refusal) {
        long now = System.nanoTime();
        long allowed = nextLog.get();
        if (now - allowed >= 0 && nextLog.compareAndSet(allowed, now + LOG_PERIOD_NANOS)) {
            LOG.warn("refused {} from {}: {}", call.getMethodDescriptor().getFullMethodName(),
                    call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), refusal);
        }
    }
}
