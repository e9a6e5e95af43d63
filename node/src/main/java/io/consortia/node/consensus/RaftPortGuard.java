package io.consortia.node.consensus;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Certificates;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.ratis.grpc.server.GrpcServices;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.grpc.RaftServerProtocolServiceGrpc;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.thirdparty.com.google.protobuf.Descriptors;
import org.apache.ratis.thirdparty.com.google.protobuf.Message;
import org.apache.ratis.thirdparty.io.grpc.ForwardingServerCallListener;
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
 * ({@code OU=node}), as the node's own peer service does, and each message must come from the
 * node it names as its sender (the certificate's CN) and be for a channel of the node's
 * organisation: otherwise a node could pose as another node, or speak in a channel its
 * organisation has no part in. (The organisation, not the node id, because a follower that lags
 * behind a configuration change must still take entries from a leader the change added; its
 * TLS trust follows organisations the same way.) Without TLS (development only) nothing can be
 * checked but the protocol; the client and administration protocols are refused all the same.
 */
final class RaftPortGuard implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RaftPortGuard.class);
    private static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final boolean tls;
    private final Channels channels;
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

    /** What the guard needs to know of the channels this node serves, by Raft group. */
    interface Channels {
        /** The organisations of the channel's configuration; empty for a group of no served channel (Ratis answers those). */
        Optional<Set<String>> organizations(RaftGroupId group);

        /**
         * Why this node's member of the group has stopped, if it has. Its messages are then
         * answered UNAVAILABLE here: Ratis would log an error with a stack trace for each of
         * the leader's retries, several a second until the node restarts.
         */
        Optional<String> stopped(RaftGroupId group);
    }

    RaftPortGuard(boolean tls, Channels channels) {
        this.tls = tls;
        this.channels = channels;
    }

    /** For Ratis' parameters: puts this guard in front of every service of the Raft port. */
    GrpcServices.Customizer customizer() {
        return (builder, types) -> builder.intercept(this);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        if (!RaftServerProtocolServiceGrpc.SERVICE_NAME.equals(service)) {
            return refuse(call, "the Raft port serves only Raft traffic between nodes; " + service
                    + " is not served (submit through the node's API port)");
        }
        String nodeId = null;
        String organization = null;
        if (tls) {
            X509Certificate caller = callerOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
            String refusal = checkNode(caller);
            if (refusal != null) {
                return refuse(call, refusal);
            }
            nodeId = Certificates.commonName(caller);
            organization = Certificates.organization(caller);
        }
        String sender = nodeId;
        String senderOrganization = organization;
        ServerCall.Listener<Q> listener = next.startCall(call, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                Status refusal = checkMessage(sender, senderOrganization, message);
                if (refusal == null) {
                    super.onMessage(message);
                    return;
                }
                refused = true;
                logRefusal(call, refusal.getDescription());
                call.close(refusal, new Metadata());
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String refusal) {
        logRefusal(call, refusal);
        call.close(Status.PERMISSION_DENIED.withDescription(refusal), new Metadata());
        return new ServerCall.Listener<>() {};
    }

    /**
     * Null if the message may go to Ratis: it names the caller's node as its sender, is for a
     * channel of the caller's organisation (both unchecked without TLS: {@code nodeId} null), and
     * this node's member of that channel has not stopped. Otherwise the status to close the call with.
     */
    Status checkMessage(String nodeId, String organization, Object message) {
        RaftRpcRequestProto request = serverRequest(message);
        if (request == null) {
            return Status.PERMISSION_DENIED.withDescription("a Raft message without its sender and group");
        }
        String sender = request.getRequestorId().toStringUtf8();
        RaftGroupId group = RaftGroupId.valueOf(request.getRaftGroupId().getId());
        if (nodeId != null) {
            if (!sender.equals(nodeId)) {
                return Status.PERMISSION_DENIED.withDescription("a Raft message that names " + sender
                        + " as its sender, from the TLS certificate of " + nodeId);
            }
            Optional<Set<String>> organizations = channels.organizations(group);
            if (organizations.isPresent() && !organizations.get().contains(organization)) {
                return Status.PERMISSION_DENIED.withDescription(nodeId + " is of " + organization
                        + ", which is not an organisation of the channel of Raft group " + group.getUuid());
            }
        }
        return channels.stopped(group)
                .map(why -> Status.UNAVAILABLE.withDescription("this node's member of the channel has stopped: " + why))
                .orElse(null);
    }

    /** Every message of Ratis' peer protocol starts with this header. */
    private static RaftRpcRequestProto serverRequest(Object message) {
        if (!(message instanceof Message m)) {
            return null;
        }
        Descriptors.FieldDescriptor field = m.getDescriptorForType().findFieldByName("serverRequest");
        if (field == null || !m.hasField(field) || !(m.getField(field) instanceof RaftRpcRequestProto r)) {
            return null;
        }
        return r;
    }

    private static X509Certificate callerOf(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Null if the caller's TLS certificate is a node's, else why not. */
    static String checkNode(X509Certificate caller) {
        Set<CertificateRole> roles;
        try {
            roles = caller == null ? Set.of() : Certificates.roles(caller);
            if (roles.contains(CertificateRole.NODE)) {
                Certificates.commonName(caller); // the node id, which messages must name as their sender
                Certificates.organization(caller);
                return null;
            }
        } catch (RuntimeException e) {
            roles = Set.of();
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
