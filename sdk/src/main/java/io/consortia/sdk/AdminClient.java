package io.consortia.sdk;

import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelResponse;
import io.consortia.protocol.v1.NodeStatus;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import io.consortia.protocol.v1.StagedRestore;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Administers one node: creates and joins channels, reports status. A node accepts admin
 * calls only over mutual TLS with a client certificate of its own organisation.
 *
 * <pre>{@code
 * try (AdminClient admin = AdminClient.newInstance()
 *         .endpoint("node0.org1.example", 7051)
 *         .tls(List.of(tlsRootOrg1, tlsRootOrg2), org1AdminTlsCertificate, org1AdminTlsKey)
 *         .connect()) {
 *     admin.createChannel(config);      // do the same on every peer listed in config
 *     NodeStatus status = admin.status();
 * }
 * }</pre>
 *
 * <p>Failures throw {@link GatewayException} with the gRPC status: {@code PERMISSION_DENIED}
 * for a client certificate of another organisation, {@code ALREADY_EXISTS} for a channel the
 * node already has, {@code INVALID_ARGUMENT} for a bad configuration.
 */
public interface AdminClient extends AutoCloseable {

    /** A builder with a 30 s call timeout. */
    static Builder newInstance() {
        return new AdminClientBuilder();
    }

    /**
     * Creates a channel on this node: its ledger and Raft group, with the peers of the config.
     * Every peer listed must be asked with the same config; the Raft group elects a leader
     * once a majority has it.
     */
    ChannelResponse createChannel(ChannelConfig config);

    /** Joins an existing channel: the node starts empty and catches up from the other peers. */
    ChannelResponse joinChannel(ChannelConfig config);

    /** The node's identity, version and the state of each of its channels. */
    NodeStatus status();

    /**
     * Writes a backup of the node's channels (all of them when {@code channels} is empty) to
     * {@code out} as a tar.gz, checks the SHA-256 the node sends with the last chunk against the
     * bytes received, and returns it (hex). The call may take up to ten times the client's
     * timeout (at least ten minutes): it copies whole ledgers. {@code out} is not closed.
     *
     * @throws GatewayException if the node refuses or fails, or the bytes received do not match
     *     the node's checksum (then whatever was written to {@code out} must be discarded)
     */
    default String backup(List<String> channels, java.io.OutputStream out) {
        // a default, so that stand-ins of this interface (tests) need not implement it
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not take backups");
    }

    /**
     * Stages a restore of the node from one of its own backups (as {@link #backup} wrote it): the
     * archive is streamed to the node in 1 MiB chunks, the node checks it as {@code NodeMain
     * --restore} does (the SHA-256, that it is this node's and organisation's backup, every
     * channel's configuration and ledger) while it keeps running, keeps it, and applies it when it
     * next starts; {@link #status()} then reports the outcome ({@code last_restore}). A later stage
     * replaces an earlier one. The call may take as long as {@link #backup}.
     *
     * @param sha256 the archive's SHA-256 (hex), as {@link #backup} returned it
     * @return the checksum and each channel's height and applied index in the staged archive
     * @throws GatewayException with {@code INVALID_ARGUMENT} if the node refuses the archive (then
     *     nothing is staged and an earlier stage stays), {@code ABORTED} while another restore is
     *     being staged, {@code RESOURCE_EXHAUSTED} if the node's disk cannot spare room for it, or
     *     if the archive cannot be read
     */
    default StagedRestore stageRestore(Path archive, String sha256) {
        // a default, so that stand-ins of this interface (tests) need not implement it
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not stage restores");
    }

    /**
     * Makes the node read its signing and TLS certificates and keys again from its files (after
     * they were replaced by renewed ones): new connections and calls use the new ones, open
     * connections keep working. Returns the serials the node now uses.
     */
    ReloadCredentialsResponse reloadCredentials();

    @Override
    void close();

    /** Configures and opens an {@link AdminClient}. Every argument is checked when given. */
    interface Builder {
        /** The node to administer. Several endpoints are failovers, not a broadcast. */
        Builder endpoint(String host, int port);

        /** An existing gRPC channel; the caller keeps ownership of it. */
        Builder connection(io.grpc.Channel channel);

        /** Mutual TLS; the client certificate must be issued by the node's organisation. */
        Builder tls(List<X509Certificate> trustedRoots, X509Certificate clientCertificate, PrivateKey clientKey);

        /** No TLS, for tests only. */
        Builder plaintext();

        /** Deadline of each call; default 30 s (creating a channel opens storage and Raft). */
        Builder timeout(Duration timeout);

        AdminClient connect();
    }
}
