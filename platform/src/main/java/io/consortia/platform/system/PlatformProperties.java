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
 *        key file and the local deployer's node directories. Default {@code ./data}.
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
     */
    public record Security(@DefaultValue("12h") Duration tokenTtl, @DefaultValue("262144") long maxRequestBytes) {}

    /**
     * @param javaOptions JVM options of each node process
     * @param portRangeStart first port the local deployer may give a node (api, raft, metrics)
     * @param portRangeEnd last such port
     * @param startTimeout how long a node may take to answer its health check after start
     * @param supervisionInterval how often processes are checked (a crashed node is restarted)
     * @param maxRestarts crashes within ten minutes after which a node is left FAILED
     * @param classpath classpath of node processes; empty means this JVM's own, or, when the
     *        platform runs as its executable jar, the jar's libraries copied out once into
     *        {@code <dataDir>/node-runtime} (so that nodes can share an archive of their classes)
     */
    public record Node(
            @DefaultValue({"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"}) List<String> javaOptions,
            @DefaultValue("20000") int portRangeStart,
            @DefaultValue("29999") int portRangeEnd,
            @DefaultValue("90s") Duration startTimeout,
            @DefaultValue("2s") Duration supervisionInterval,
            @DefaultValue("5") int maxRestarts,
            @DefaultValue("") String classpath) {}

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
