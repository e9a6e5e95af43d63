package io.consortia.cli.bench;

import io.consortia.crypto.SignatureScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which network {@code consortia bench} measures: one it starts, or a running one with {@code --target}. */
final class NetworkOptions {
    @Option(names = "--nodes", defaultValue = "4",
            description = "nodes to start, one organisation each (default ${DEFAULT-VALUE}); ignored with --target")
    int nodes;

    @Option(names = "--scheme", defaultValue = "ECDSA_P256_SHA256",
            description = "ECDSA_P256_SHA256 or SM2_SM3 (default ${DEFAULT-VALUE}); with --target, the network's")
    SignatureScheme scheme;

    @Option(names = "--target", description = "benchmark the running network in this directory (as written by "
            + "./consortia up, e.g. .consortia/network) instead of starting one")
    Path target;

    @Option(names = "--in-process", description = "run the nodes inside this JVM (starts faster; CPU is then not "
            + "split per node). Default: one process per node")
    boolean inProcess;

    @Option(names = "--base-dir", description = "where node files go, kept afterwards (default: a temporary "
            + "directory, deleted); with --time-to-network, the platform's data and each node's log (node-logs/)")
    Path baseDir;

    @Option(names = "--node-jvm-option", description = "JVM option of node processes, repeatable (default -Xmx512m)")
    List<String> nodeJvmOptions = new ArrayList<>();

    @Option(names = "--node-java-home", description = "the JDK that runs node processes (default: the one running "
            + "the bench), e.g. to measure nodes on Java 25 while the clients stay on this JVM; only for node "
            + "processes the bench starts (not with --in-process, --target, --gateway or --time-to-network)")
    Path nodeJavaHome;
}
