package io.consortia.node.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The node's typed configuration, read from a YAML file ({@code NodeMain --config node.yaml}).
 * Every section has defaults; {@link NodeConfigLoader} resolves relative paths against the file's
 * directory and validates the whole before the node starts. See docs/node-configuration.md.
 *
 * @param nodeId       unique in the network; also the node's Raft peer id
 * @param organization the organisation that owns the node
 * @param dataDir      ledgers (RocksDB), Raft logs, channel configs
 * @param identity     the node's signing identity
 * @param tls          mutual TLS for Raft and clients
 * @param api          gRPC endpoint for clients and peers
 * @param raft         Raft (Ratis) endpoint and tuning
 * @param metrics      HTTP endpoint for {@code /metrics} and {@code /health}
 * @param batching     how admitted transactions are grouped into one Raft entry / block
 * @param limits       admission limits
 * @param wasm         WebAssembly contracts: fuel and memory per call
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NodeConfig(
        String nodeId,
        String organization,
        Path dataDir,
        Identity identity,
        Tls tls,
        Endpoint api,
        Raft raft,
        Endpoint metrics,
        Batching batching,
        Limits limits,
        Wasm wasm) {

    public NodeConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(dataDir, "dataDir");
        identity = identity == null ? new Identity(null, null) : identity;
        tls = tls == null ? Tls.disabled() : tls;
        api = api == null ? new Endpoint("127.0.0.1", 7051) : api;
        raft = raft == null ? Raft.defaults(new Endpoint("127.0.0.1", 7052)) : raft;
        metrics = metrics == null ? new Endpoint("127.0.0.1", 7053) : metrics;
        batching = batching == null ? Batching.defaults() : batching;
        limits = limits == null ? Limits.defaults() : limits;
        wasm = wasm == null ? Wasm.defaults() : wasm;
    }

    /** A configuration with the default {@code wasm} section. */
    public NodeConfig(String nodeId, String organization, Path dataDir, Identity identity, Tls tls, Endpoint api,
            Raft raft, Endpoint metrics, Batching batching, Limits limits) {
        this(nodeId, organization, dataDir, identity, tls, api, raft, metrics, batching, limits, null);
    }

    /** The node's signing certificate and key (PEM files). */
    public record Identity(Path certificate, Path privateKey) {}

    /**
     * Mutual TLS. TLS certificates are always ECDSA P-256 (TLS stacks cannot do SM2), even on SM2
     * networks. {@code trustedRoots} is a PEM bundle of every member organisation's TLS root.
     */
    public record Tls(boolean enabled, Path certificate, Path privateKey, Path trustedRoots) {
        public static Tls disabled() {
            return new Tls(false, null, null, null);
        }
    }

    public record Endpoint(String host, int port) {
        public Endpoint {
            host = host == null || host.isBlank() ? "127.0.0.1" : host;
        }

        public String address() {
            return host + ":" + port;
        }
    }

    /**
     * @param host               Ratis listen host
     * @param port               Ratis listen port
     * @param snapshotThreshold  log entries between snapshots; after a snapshot the log before it
     *                           may be purged, and a node that is further behind installs a
     *                           RocksDB checkpoint from a peer instead of replaying the log
     * @param electionTimeoutMinMillis lower bound of the randomized election timeout
     * @param electionTimeoutMaxMillis upper bound of the randomized election timeout
     * @param segmentSizeMaxBytes Raft log segment size; only closed segments are purged after a
     *                           snapshot (0 = max(8 MiB, twice batching.maxBytes))
     */
    public record Raft(String host, int port, long snapshotThreshold,
                       int electionTimeoutMinMillis, int electionTimeoutMaxMillis, long segmentSizeMaxBytes) {
        public Raft {
            host = host == null || host.isBlank() ? "127.0.0.1" : host;
            snapshotThreshold = snapshotThreshold <= 0 ? 10_000 : snapshotThreshold;
            electionTimeoutMinMillis = electionTimeoutMinMillis <= 0 ? 1_000 : electionTimeoutMinMillis;
            electionTimeoutMaxMillis = electionTimeoutMaxMillis <= 0 ? 2_000 : electionTimeoutMaxMillis;
        }

        public static Raft defaults(Endpoint endpoint) {
            return new Raft(endpoint.host(), endpoint.port(), 0, 0, 0, 0);
        }

        public String address() {
            return host + ":" + port;
        }
    }

    /**
     * A batch (one Raft entry, one block) closes when it holds {@code maxTransactions}, reaches
     * {@code maxBytes}, or its first transaction has waited {@code maxDelayMillis} (on the Raft
     * leader up to six times that after a batch of many callers; see the batcher).
     * {@code maxInFlight} batches may be replicating at once. The default is one: a batch then
     * takes everything that arrived while the previous entry replicated (group commit), and on the
     * leader that includes the batches other nodes hand over, so blocks grow with the load
     * instead of staying one client call each (docs/performance-findings.md, finding 20).
     */
    public record Batching(int maxTransactions, int maxBytes, int maxDelayMillis, int maxInFlight) {
        public Batching {
            maxTransactions = maxTransactions <= 0 ? 2_000 : maxTransactions;
            maxBytes = maxBytes <= 0 ? 4 * 1024 * 1024 : maxBytes;
            maxDelayMillis = maxDelayMillis <= 0 ? 5 : maxDelayMillis;
            maxInFlight = maxInFlight <= 0 ? 1 : maxInFlight;
        }

        public static Batching defaults() {
            return new Batching(0, 0, 0, 0);
        }
    }

    /**
     * @param maxTransactionBytes   largest serialized transaction admitted
     * @param timestampWindowMillis how far a transaction's timestamp may be from the node's clock
     *                              (at admission) or the block's time (at commit)
     * @param verifyThreads         threads verifying signatures (0 = number of cores)
     */
    public record Limits(int maxTransactionBytes, long timestampWindowMillis, int verifyThreads) {
        public Limits {
            maxTransactionBytes = maxTransactionBytes <= 0 ? 1024 * 1024 : maxTransactionBytes;
            timestampWindowMillis = timestampWindowMillis <= 0 ? 600_000 : timestampWindowMillis;
            // 0 stays 0 in the record, so a written node.yaml keeps meaning "the cores of the
            // machine the node runs on", not those of the machine that wrote it.
            verifyThreads = Math.max(0, verifyThreads);
        }

        /** Threads verifying signatures: the configured number, or the cores of this machine. */
        public int verifyThreadCount() {
            return verifyThreads > 0 ? verifyThreads : Runtime.getRuntime().availableProcessors();
        }

        public static Limits defaults() {
            return new Limits(0, 0, 0);
        }
    }

    /**
     * Limits of one WebAssembly contract call (docs/wasm-contracts.md, "Metering"). Like
     * {@link Limits}, they decide verdicts that go into blocks: every node of a channel must use the
     * same values, or nodes would record different codes (OUT_OF_FUEL on one, VALID on another) and
     * their state hashes would part. A contract definition may lower them for its own calls, on chain
     * (ContractDefinition.fuel_limit, memory_pages_limit).
     *
     * @param fuelPerCall        fuel a call may burn (about one unit per instruction; 10,000,000)
     * @param memoryPagesPerCall 64 KiB pages a call's memory may grow to (16 = 1 MiB; at most 65536)
     */
    public record Wasm(long fuelPerCall, int memoryPagesPerCall) {
        public Wasm {
            fuelPerCall = fuelPerCall <= 0 ? 10_000_000L : fuelPerCall;
            memoryPagesPerCall = memoryPagesPerCall <= 0 ? 16 : memoryPagesPerCall;
        }

        public static Wasm defaults() {
            return new Wasm(0, 0);
        }
    }

    /**
     * A node directory as the platform's local deployer and the testkit write it, with every
     * other setting at its default: {@code node.yaml} next to {@code node.pem}/{@code node.key}
     * (signing), {@code tls.pem}/{@code tls.key}/{@code tls-roots.pem} (mutual TLS), and the
     * ledgers under {@code data/}. Paths are relative: {@link NodeConfigLoader#load} resolves
     * them against the file's directory.
     */
    public static NodeConfig standardLayout(String nodeId, String organization, String host, int apiPort,
            int raftPort, int metricsPort) {
        return new NodeConfig(nodeId, organization, Path.of("data"),
                new Identity(Path.of("node.pem"), Path.of("node.key")),
                new Tls(true, Path.of("tls.pem"), Path.of("tls.key"), Path.of("tls-roots.pem")),
                new Endpoint(host, apiPort), Raft.defaults(new Endpoint(host, raftPort)), new Endpoint(host, metricsPort),
                null, null);
    }

    /** This configuration with other Raft settings. */
    public NodeConfig withRaft(Raft raft) {
        return new NodeConfig(nodeId, organization, dataDir, identity, tls, api, raft, metrics, batching, limits, wasm);
    }

    /** This configuration with other batching settings. */
    public NodeConfig withBatching(Batching batching) {
        return new NodeConfig(nodeId, organization, dataDir, identity, tls, api, raft, metrics, batching, limits, wasm);
    }

    /** This configuration with other WebAssembly limits. */
    public NodeConfig withWasm(Wasm wasm) {
        return new NodeConfig(nodeId, organization, dataDir, identity, tls, api, raft, metrics, batching, limits, wasm);
    }

    /** Data directories derived from {@link #dataDir()}. */
    public Path channelsDir() {
        return dataDir.resolve("channels");
    }

    public Path raftDir() {
        return dataDir.resolve("raft");
    }

    /** For error messages: the list of problems found. */
    static String describe(List<String> problems) {
        return String.join("; ", problems);
    }
}
