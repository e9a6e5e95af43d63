package io.consortia.node.consensus;

import io.consortia.node.security.TlsMaterial;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/** gRPC connections from this node to a peer's API, with the node's own TLS certificate. */
final class PeerConnections {
    private PeerConnections() {}

    /** @param apiAddress host:port of the peer's API; {@code tls} null only in plaintext development setups */
    static ManagedChannel open(String apiAddress, TlsMaterial tls) {
        int colon = apiAddress.lastIndexOf(':');
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(apiAddress.substring(0, colon),
                Integer.parseInt(apiAddress.substring(colon + 1))).maxInboundMessageSize(8 << 20);
        if (tls != null) {
            builder.sslContext(tls.clientContext()).negotiationType(NegotiationType.TLS);
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }
}
