package io.consortia.platform.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Platform configuration, prefix {@code consortia}.
 *
 * @param dataDir where the platform keeps its files: the H2 database (by default), the master
 *        key file and the local deployer's node directories. Default {@code ./data}. Kept
 *        owner-only: the directory 0700, its files 0600.
 * @param masterKey base64 of a 32-byte AES key that encrypts private keys in custody. When
 *        empty, a key is generated on first start into {@code <dataDir>/master.key} (mode 0600).
 * @param initialAdminPassword password of the {@code admin} user created on first start; when
 *        empty a random one is generated and printed once.
 * @param security sign-in settings
 * @param node how the local deployer runs node processes
 * @param explorer block indexing settings
 * @param gateways how the platform keeps its connections to nodes open between calls
 */
@ConfigurationProperties("consortia")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String masterKey,
        @DefaultValue("") String initialAdminPassword,
        @DefaultValue Security security,
        @DefaultValue Node node,
        @DefaultValue Explorer explorer,
        @DefaultValue Gateways gateways) {

    /**
     * @param tokenTtl lifetime of bearer tokens issued at sign-in
     * @param maxRequestBytes larger request bodies are refused with 413
     * @param signIn how failed sign-ins slow down further attempts
     */
    public record Security(@DefaultValue("12h") Duration tokenTtl, @DefaultValue("262144") long maxRequestBytes,
            @DefaultValue SignIn signIn) {}

    /**
     * Sign-in throttle: after the free failures, each further failure doubles the wait before the
     * next attempt (from {@code firstDelay} up to {@code maxDelay}); a success, or
     * {@code forgetAfter} without failures, resets the count. Counted separately per account and
     * address (a user mistyping), per address (one machine trying many accounts) and per account
     * (many machines trying one account); each wait is capped at {@code maxDelay}, so an attacker
     * can hold a real user off for minutes at most, and the user's own address has its own, higher
     * allowance.
     *
     * @param freeFailures failures of one account from one address before waits begin; also wrong
     *     current passwords of one user's password changes (from any address)
     * @param freeFailuresPerAddress failures from one address, any account, before waits begin
     * @param freeFailuresPerAccount failures of one account, any address, before waits begin
     * @param firstDelay the first wait
     * @param maxDelay the longest wait
     * @param forgetAfter failures older than this no longer count
     * @param maxTracked counters kept at most (oldest forgotten first), bounding memory under a flood
     */
    public record SignIn(
            @DefaultValue("5") int freeFailures,
            @DefaultValue("20") int freeFailuresPerAddress,
            @DefaultValue("20") int freeFailuresPerAccount,
            @DefaultValue("1s") Duration firstDelay,
            @DefaultValue("5m") Duration maxDelay,
            @DefaultValue("15m") Duration forgetAfter,
            @DefaultValue("100000") int maxTracked) {
        public SignIn {
            if (freeFailures < 0 || freeFailuresPerAddress < 0 || freeFailuresPerAccount < 0 || maxTracked < 1) {
                throw new IllegalArgumentException("consortia.security.sign-in: counts must not be negative");
            }
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("consortia.security.sign-in: need 0 < first-delay <= max-delay");
            }
        }

        /** The defaults, as configuration binding gives them. */
        public static SignIn defaults() {
            return new SignIn(5, 20, 20, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), 100_000);
        }
    }

    /**
     * @param javaOptions JVM options of each node process. Tiered compilation stays on: the node
     *        itself keeps C2 to signature verification, hashing and contracts (see the node's
     *        CompilerDirectives), which warms within a minute as C1 alone did and verifies at twice its speed
     * @param portRangeStart first port the local deployer may give a node (api, raft, metrics)
     * @param portRangeEnd last such port
     * @param startTimeout how long a node may take to answer its health check after start
     * @param supervisionInterval how often processes are checked (a crashed node is restarted)
     * @param maxRestarts restarts of one crash loop after which the next crash leaves a node FAILED:
     *        crashes (and hung-node restarts) each less than {@code crashWindow} after the one
     *        before, since the node was last started by hand. 0 leaves a node FAILED at its first crash
     * @param classpath classpath of node processes; empty means this JVM's own, or, when the
     *        platform runs as its executable jar, the jar's libraries copied out once into
     *        {@code <dataDir>/node-runtime} (so that nodes can share an archive of their classes)
     * @param javaHome the JDK that runs node processes; empty means the platform's own. Nodes may
     *        run on a newer release than the platform (Java 25 compiles less once warm); the
     *        platform checks at start that a JDK is there
     * @param livenessTimeout a running node process that has not answered its health check with
     *        200 for this long (hung, or a channel's Raft member stopped: see the node's /health)
     *        is restarted, as Kubernetes' liveness probe restarts a pod
     * @param crashWindow a crash this long or longer after the previous one starts a new crash
     *        loop (the node ran that long, so it is not looping): a node that once used up
     *        {@code maxRestarts} and was recovered keeps its automatic restarts
     */
    public record Node(
            @DefaultValue({"-Xmx256m", "-XX:+UseSerialGC"}) List<String> javaOptions,
            @DefaultValue("20000") int portRangeStart,
            @DefaultValue("29999") int portRangeEnd,
            @DefaultValue("90s") Duration startTimeout,
            @DefaultValue("2s") Duration supervisionInterval,
            @DefaultValue("5") int maxRestarts,
            @DefaultValue("") String classpath,
            @DefaultValue("") String javaHome,
            @DefaultValue("30s") Duration livenessTimeout,
            @DefaultValue("10m") Duration crashWindow) {
        public Node {
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("consortia.node.max-restarts must not be negative, was " + maxRestarts);
            }
            if (crashWindow.isNegative() || crashWindow.isZero()) {
                throw new IllegalArgumentException("consortia.node.crash-window must be positive, was " + crashWindow);
            }
        }
    }

    /** @param watchdogInterval how often broken block subscriptions are re-opened */
    public record Explorer(@DefaultValue("5s") Duration watchdogInterval) {}

    /**
     * @param max open gateways (one per consortium, organisation, signing user and node list);
     *        beyond it the least recently used is closed
     * @param idleTimeout a gateway unused this long is closed, and the keys it holds with it
     */
    public record Gateways(@DefaultValue("64") int max, @DefaultValue("5m") Duration idleTimeout) {
        public Gateways {
            if (max < 1) {
                throw new IllegalArgumentException("consortia.gateways.max must be at least 1, was " + max);
            }
        }
    }
}
