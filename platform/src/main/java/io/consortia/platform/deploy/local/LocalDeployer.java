package io.consortia.platform.deploy.local;

import io.consortia.common.Processes;
import io.consortia.platform.deploy.Deployer;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeHealth;
import io.consortia.platform.deploy.NodeInstallation;
import io.consortia.platform.deploy.NodePlacement;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.deploy.NodeVitals;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.PlatformProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/** Nodes as processes on this machine; see the package documentation. */
@Component
class LocalDeployer implements Deployer {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDeployer.class);
    static final String HOST = "127.0.0.1";
    static final String TARGET = "LOCAL";
    private final NodeHealth health = new NodeHealth();
    private final PlatformProperties properties;
    private final PortAllocator ports;
    private final NodeRuntime runtime;
    /**
     * Where each node's log stood when this platform last started it (bytes), by node id: its
     * latest run wrote what follows. Unknown for a run started by an earlier platform process.
     */
    private final Map<String, Long> runStarts = new ConcurrentHashMap<>();
    private static final long RUN_TAIL_BYTES = 256 * 1024;

    LocalDeployer(PlatformProperties properties, PortAllocator ports, NodeRuntime runtime) {
        this.properties = properties;
        this.ports = ports;
        this.runtime = runtime;
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public NodePlacement place(long consortiumId, String nodeId) {
        List<Integer> allocated = ports.allocate(nodeId, 3);
        Path directory = properties.dataDir().toAbsolutePath().normalize()
                .resolve("networks").resolve("consortium-" + consortiumId).resolve(nodeId);
        return new NodePlacement(HOST, allocated.get(0), allocated.get(1), allocated.get(2), directory.toString());
    }

    @Override
    public void install(NodeRecord node, NodeInstallation installation) {
        NodeFiles.write(node, installation);
    }

    @Override
    public String replaceCredentials(NodeRecord node, io.consortia.platform.custody.NodeCredentials credentials) {
        NodeFiles.replaceCredentials(node, credentials);
        return DeploymentTexts.CREDENTIALS_WRITTEN.of(node.nodeId());
    }

    @Override
    public String replaceTrustedRoots(NodeRecord node, List<java.security.cert.X509Certificate> roots) {
        NodeFiles.replaceTrustedRoots(node, roots);
        return DeploymentTexts.ROOTS_WRITTEN.of(node.nodeId(), roots.size());
    }

    @Override
    public boolean replacesTrustedRoots() {
        return true;
    }

    @Override
    public boolean replacesCredentials() {
        return true;
    }

    @Override
    public long start(NodeRecord node) {
        Path directory = Path.of(node.directory());
        List<String> command = runtime.command(node.nodeId(), directory);
        Path log = directory.resolve(NodeFiles.LOG);
        try {
            runStarts.put(node.nodeId(), Files.exists(log) ? Files.size(log) : 0L);
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(directory.resolve(NodeFiles.LOG).toFile()))
                    .start();
            LOG.info("Started node {} as process {}", node.nodeId(), process.pid());
            return process.pid();
        } catch (IOException e) {
            throw new PlatformException(HttpStatus.INTERNAL_SERVER_ERROR, "node-start-failed",
                    "Cannot start node " + node.nodeId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(NodeRecord node) {
        Optional<ProcessHandle> process = process(node);
        if (process.isEmpty()) {
            return;
        }
        Duration grace = runtime.stopGrace(node.nodeId());
        if (Processes.stop(process.get(), grace)) {
            runtime.exited(node.nodeId());
        } else {
            LOG.warn("Node {} did not stop within {} s; killed it", node.nodeId(), grace.toSeconds());
        }
    }

    @Override
    public boolean isRunning(NodeRecord node) {
        return process(node).isPresent();
    }

    @Override
    public boolean isServing(NodeRecord node) {
        return health.read(node).map(NodeHealth.Report::serving).orElse(false);
    }

    /** The node's own report, with CPU time and resident memory of its process when it is this node's. */
    @Override
    public NodeVitals vitals(NodeRecord node) {
        if (node.status() != NodeStatus.RUNNING) {
            return NodeVitals.NONE;
        }
        NodeVitals reported = health.read(node).map(NodeVitals::of).orElse(NodeVitals.NONE);
        return process(node).map(p -> reported.withResources(ProcessResources.cpuSeconds(p),
                ProcessResources.residentBytes(p.pid()))).orElse(reported);
    }

    @Override
    public void networkUp(List<NodeRecord> nodes) {
        for (NodeRecord node : nodes) {
            process(node).ifPresent(p -> runtime.serving(node.nodeId(), p.pid()));
        }
    }

    @Override
    public void remove(NodeRecord node) {
        try {
            FileSystemUtils.deleteRecursively(Path.of(node.directory()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + node.directory(), e);
        }
        ports.release(node.nodeId());
    }

    @Override
    public String logs(NodeRecord node, int lines) {
        Path log = Path.of(node.directory()).resolve(NodeFiles.LOG);
        if (!Files.exists(log)) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /**
     * The lines the node's latest run appended to its log (the log is appended to by every run),
     * or, when the run wrote nothing, a line saying so; the log's end when the run is unknown.
     */
    @Override
    public String lastRunLogs(NodeRecord node, int lines) {
        Long start = runStarts.get(node.nodeId());
        Path log = Path.of(node.directory()).resolve(NodeFiles.LOG);
        try {
            if (start == null || !Files.exists(log) || Files.size(log) < start) { // unknown, or rewritten since
                return logs(node, lines);
            }
            long size = Files.size(log);
            long from = Math.max(start, size - RUN_TAIL_BYTES); // a long run: its end is enough
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) (size - from));
            try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(log)) {
                channel.position(from);
                while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                    // read on to the size measured above
                }
            }
            List<String> run = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).lines().toList();
            if (run.isEmpty()) {
                return "(this run of the node wrote nothing to its log)";
            }
            return String.join("\n", run.subList(Math.max(0, run.size() - lines), run.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /** The live process of the node: the recorded pid, still alive, still running this node's config. */
    private Optional<ProcessHandle> process(NodeRecord node) {
        String config = Path.of(node.directory()).resolve(NodeFiles.CONFIG).toString();
        if (node.pid() != null) {
            Optional<ProcessHandle> recorded = ProcessHandle.of(node.pid()).filter(ProcessHandle::isAlive)
                    .filter(p -> runs(p, config));
            if (recorded.isPresent()) {
                return recorded;
            }
        }
        // The recorded pid can be stale while the node runs: a platform restored from a backup taken before
        // the node was restarted. Taken for stopped, the node got a second process on its live directory
        // (found by a tester), so the node's process is looked for by its configuration, as ./consortia stop
        // finds it.
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> runs(p, config)).findFirst();
    }

    @Override
    public Long pidOf(NodeRecord node) {
        return process(node).map(ProcessHandle::pid).orElse(node.pid());
    }

    private static boolean runs(ProcessHandle process, String config) {
        String commandLine = commandLine(process);
        return commandLine.contains(NodeCommand.NODE_MAIN) && commandLine.contains(" " + config);
    }

    static String commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            // the process may have exited just now
        }
        return process.info().commandLine().orElse("");
    }
}
