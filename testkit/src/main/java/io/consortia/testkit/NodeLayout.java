package io.consortia.testkit;

import java.nio.file.Path;

/**
 * Where one node lives: its directory (config, PEM files, data, log) and its three ports.
 * Fixed for the node's lifetime, so a restarted node comes back at the same addresses.
 */
record NodeLayout(String nodeId, String organization, Path directory, int apiPort, int raftPort, int metricsPort) {
    static final String HOST = "127.0.0.1";

    static NodeLayout allocate(String nodeId, String organization, Path baseDir) {
        return new NodeLayout(nodeId, organization, baseDir.resolve(nodeId),
                PortAllocator.next(), PortAllocator.next(), PortAllocator.next());
    }

    Path configFile() {
        return directory.resolve("node.yaml");
    }

    Path dataDir() {
        return directory.resolve("data");
    }

    Path logFile() {
        return directory.resolve("node.log");
    }

    Path logbackFile() {
        return directory.resolve("logback.xml");
    }

    String apiAddress() {
        return HOST + ":" + apiPort;
    }

    String raftAddress() {
        return HOST + ":" + raftPort;
    }
}
