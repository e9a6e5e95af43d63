package io.consortia.testkit;

/**
 * Renders a node's YAML configuration. Written by hand rather than through the node's
 * config classes so that the fixture produces exactly what an operator writes, and a test can
 * check that the node accepts it.
 */
final class ConfigYaml {
    private ConfigYaml() {}

    static String render(NodeLayout layout, NodeTuning tuning) {
        return """
                nodeId: %s
                organization: %s
                dataDir: data
                identity:
                  certificate: node.pem
                  privateKey: node.key
                tls:
                  enabled: true
                  certificate: tls.pem
                  privateKey: tls.key
                  trustedRoots: tls-roots.pem
                api: { host: "%s", port: %d }
                raft: { host: "%s", port: %d, snapshotThreshold: %d, segmentSizeMaxBytes: %d }
                metrics: { host: "%s", port: %d }
                batching: { maxTransactions: %d, maxBytes: 4194304, maxDelayMillis: %d }
                limits: { maxTransactionBytes: 1048576, timestampWindowMillis: 600000 }
                """.formatted(layout.nodeId(), layout.organization(),
                NodeLayout.HOST, layout.apiPort(), NodeLayout.HOST, layout.raftPort(), tuning.snapshotThreshold(), tuning.logSegmentBytes(),
                NodeLayout.HOST, layout.metricsPort(), tuning.maxTransactionsPerBlock(), tuning.maxDelayMillis());
    }
}
