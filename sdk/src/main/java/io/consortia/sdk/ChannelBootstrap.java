package io.consortia.sdk;

import io.consortia.common.Poll;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.Organization;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * Creates a channel the way operators do: the same {@link ChannelConfig} sent to every member
 * node with an {@link AdminClient}, then a wait until every node knows the channel's Raft
 * leader. The calls run in parallel, because a node finishes creating its Raft group only once
 * a majority of the peers has one too.
 *
 * <pre>{@code
 * ChannelConfig config = ChannelBootstrap.config("main", SignatureScheme.ECDSA_P256_SHA256,
 *         Map.of("org1", org1Root, "org2", org2Root)).addPeers(...).build();
 * String leader = ChannelBootstrap.create(config, Map.of("org1-node0", admin0, "org2-node0", admin1),
 *         Duration.ofSeconds(60));
 * }</pre>
 *
 * <p>The admin clients, keyed by node id, stay the caller's: nothing here closes them.
 */
public final class ChannelBootstrap {
    private static final Duration LEADER_POLL = Duration.ofMillis(200);
    private static final Duration HEIGHT_POLL = Duration.ofMillis(100);

    private ChannelBootstrap() {}

    /**
     * A channel configuration with its name, scheme, creation time and each organisation's root
     * certificate (in the map's order); add the peers and build it.
     */
    public static ChannelConfig.Builder config(String name, SignatureScheme scheme,
            Map<String, X509Certificate> organizationRoots) {
        ChannelConfig.Builder config = ChannelConfig.newBuilder()
                .setName(Objects.requireNonNull(name, "name"))
                .setScheme(io.consortia.protocol.v1.SignatureScheme.valueOf(scheme.name()))
                .setCreatedMillis(System.currentTimeMillis());
        organizationRoots.forEach((organization, root) -> config.addOrganizations(Organization.newBuilder()
                .setName(organization)
                .setRootCertificatesPem(Pem.write(root))));
        return config;
    }

    /**
     * Creates the channel on every node at once and waits until each knows the leader (each
     * within {@code timeout}). Returns the leader's node id.
     *
     * @throws GatewayException as the first node that refused answered (an
     *     {@code ALREADY_EXISTS}, a {@code PERMISSION_DENIED}...)
     * @throws IllegalStateException if a node did not see a leader within the timeout
     */
    public static String create(ChannelConfig config, Map<String, AdminClient> adminsByNodeId, Duration timeout) {
        createOnEvery(config, adminsByNodeId.values());
        return awaitLeader(config.getName(), adminsByNodeId, timeout);
    }

    /**
     * Sends the configuration to every node at once, each call on a thread of its own: a node's
     * call returns only once a majority has the Raft group, so calls queued behind others (on the
     * common pool, cores - 1 threads: 3 on a 4-core machine, where 6 nodes need 4 at once) would
     * wait for ever.
     *
     * @throws GatewayException as the first node that refused answered
     */
    public static void createOnEvery(ChannelConfig config, java.util.Collection<AdminClient> admins) {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, admins.size()), task -> {
                    Thread thread = new Thread(task, "create-channel-" + config.getName());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (AdminClient admin : admins) {
                calls.add(CompletableFuture.runAsync(() -> admin.createChannel(config), threads));
            }
            try {
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Waits until every given node has the channel and knows its Raft leader, each within
     * {@code timeout}; a node not answering yet counts as not knowing. Returns the leader's node
     * id as the last node saw it.
     */
    public static String awaitLeader(String channel, Map<String, AdminClient> adminsByNodeId, Duration timeout) {
        String leader = "";
        for (Map.Entry<String, AdminClient> node : adminsByNodeId.entrySet()) {
            // the platform shows (and translates) this message as it is
            leader = poll(node.getValue(), channel, timeout, LEADER_POLL, s -> !s.getRaftLeader().isEmpty(),
                    new LastAnswer(channel))
                    .map(ChannelStatus::getRaftLeader)
                    .orElseThrow(() -> new IllegalStateException("Node " + node.getKey()
                            + " did not see a leader of channel " + channel + " within " + seconds(timeout)));
        }
        return leader;
    }

    /** Waits until every given node's ledger of the channel holds at least {@code height} blocks. */
    public static void awaitHeight(String channel, long height, Map<String, AdminClient> adminsByNodeId,
            Duration timeout) {
        for (Map.Entry<String, AdminClient> node : adminsByNodeId.entrySet()) {
            LastAnswer last = new LastAnswer(channel);
            if (poll(node.getValue(), channel, timeout, HEIGHT_POLL, s -> s.getHeight() >= height, last).isEmpty()) {
                throw new IllegalStateException("Node " + node.getKey() + " did not reach height " + height
                        + " of channel " + channel + " within " + seconds(timeout) + last);
            }
        }
    }

    /** The node's status of the channel, empty if it does not have it. */
    public static Optional<ChannelStatus> status(AdminClient admin, String channel) {
        return admin.status().getChannelsList().stream()
                .filter(s -> s.getName().equals(channel))
                .findFirst();
    }

    /** "60 s", "0.5 s". */
    private static String seconds(Duration timeout) {
        return java.math.BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static Optional<ChannelStatus> poll(AdminClient admin, String channel, Duration timeout,
            Duration interval, Predicate<ChannelStatus> done, LastAnswer last) {
        return Poll.until(timeout, interval, () -> {
            try {
                Optional<ChannelStatus> status = status(admin, channel);
                last.seen(status);
                return status.filter(done).orElse(null);
            } catch (GatewayException e) {
                last.failed(e);
                return null; // not answering yet
            }
        });
    }

    /**
     * What a node last answered while a wait for it ran: a timeout names where the node stood
     * (its height, Raft role, leader and term, or why it did not answer), which tells a stuck
     * member from a slow one or a node that never came up.
     */
    private static final class LastAnswer {
        private final String channel;
        // only a timeout reads these: each poll keeps what it got, the text is made once
        private volatile Optional<ChannelStatus> status;
        private volatile GatewayException failure;

        LastAnswer(String channel) {
            this.channel = channel;
        }

        void seen(Optional<ChannelStatus> answered) {
            status = answered;
            failure = null;
        }

        void failed(GatewayException e) {
            failure = e;
        }

        @Override
        public String toString() {
            GatewayException failed = failure;
            Optional<ChannelStatus> answered = status;
            if (failed != null) {
                return "; it last failed to answer: " + failed.getMessage();
            }
            if (answered == null) {
                return "; it never answered";
            }
            return answered.map(s -> "; it last answered: height " + s.getHeight() + ", " + s.getRaftRole()
                            + (s.getRaftLeader().isEmpty() ? ", no leader" : ", leader " + s.getRaftLeader())
                            + ", term " + s.getRaftTerm())
                    .orElse("; it last answered without channel " + channel);
        }
    }
}
