package io.consortia.platform.deploy.local;

import io.consortia.node.launch.SharedClassArchive;
import io.consortia.platform.deploy.NodeRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Records the nodes' class data archive before the platform's first deployment, so that a
 * network a user deploys starts as fast as it can: two throwaway nodes ({@link RehearsalNetwork})
 * serve, create a channel, elect a leader and commit a notarization, and the leader's JVM then
 * writes the archive of every class it loaded on that path. Runs once per platform build, in
 * the background after start-up; a deployment that starts meanwhile simply runs without the
 * archive.
 *
 * <p>Why the whole path and not just start-up: an archive of a node that only served left out
 * the ledger, Raft group, election, TLS client and execution classes, which every node of a new
 * network then loaded at once while the channel was being created — with four nodes on two
 * cores the channel's first election failed and the leader came seconds later (measured: 4
 * organisations up in 13.2-17.6 s with that archive, 10.6-11.3 s with the whole path's).
 */
final class ClassArchiveRehearsal {
    private static final Logger LOG = LoggerFactory.getLogger(ClassArchiveRehearsal.class);
    private ClassArchiveRehearsal() {}

    /**
     * Stops the node processes of a rehearsal that a killed platform left running (found by a tester:
     * two JVMs ran for 40 minutes through seven platform restarts, on ports outside the configured
     * range). They are the only processes whose configuration lies in {@code directory}. Returns how
     * many were stopped.
     */
    static int stopLeftovers(Path directory) {
        String inside = directory.toAbsolutePath().normalize() + java.io.File.separator;
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> {
                    String commandLine = LocalDeployer.commandLine(p);
                    return commandLine.contains(NodeCommand.NODE_MAIN) && commandLine.contains(" " + inside);
                }).toList();
        if (!leftovers.isEmpty()) {
            LOG.warn("Stopping node process(es) {} of an earlier platform's class archive rehearsal",
                    leftovers.stream().map(ProcessHandle::pid).toList());
            io.consortia.common.Processes.stopAll(leftovers, NodeRuntime.STOP_GRACE);
        }
        return leftovers.size();
    }

    /** Returns whether the archive was recorded. */
    static boolean run(SharedClassArchive archive, SharedClassArchive.Launch launch, Path java, String classpath,
            List<String> javaOptions, Path directory) {
        long t0 = System.nanoTime();
        try (RehearsalNetwork network = new RehearsalNetwork()) {
            List<NodeRecord> nodes = List.of(network.add(directory.resolve("a")), network.add(directory.resolve("b")));
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                // recording on request only marks the JVM, so either node may be asked; a node
                // recording at exit writes the dump file, which only one may do
                List<String> options = new ArrayList<>(i == 0 || launch.live() ? launch.options() : List.of());
                options.addAll(javaOptions);
                processes.add(network.start(i, NodeCommand.of(Path.of(nodes.get(i).directory()), java, options, classpath)));
            }
            if (!network.awaitServing()) {
                LOG.info("The class archive rehearsal's nodes did not serve; nodes start without the archive");
                return false;
            }
            int recorder = 0;
            try {
                recorder = network.exercise();
            } catch (RuntimeException e) {
                // what the node loaded up to here is still worth archiving
                LOG.info("The class archive rehearsal's channel did not complete ({}); recording what was loaded",
                        e.toString());
            }
            boolean recorded = launch.live() && archive.dumpLive(processes.get(recorder).pid(), launch.recording());
            long stopping = System.nanoTime();
            boolean stopped = network.stop(launch.live() ? NodeRuntime.STOP_GRACE : NodeRuntime.RECORDING_STOP_GRACE);
            LOG.info("The class archive rehearsal's nodes {} in {} ms", stopped ? "stopped" : "were killed",
                    (System.nanoTime() - stopping) / 1_000_000);
            if (!launch.live() && stopped) {
                archive.recorded(launch.recording());
                recorded = true;
            }
            LOG.info("Class archive rehearsal {} in {} ms", recorded ? "recorded the archive" : "recorded nothing",
                    (System.nanoTime() - t0) / 1_000_000);
            return recorded;
        } catch (IOException | RuntimeException e) {
            LOG.info("The class archive rehearsal failed; nodes start without the archive: {}", e.toString());
            return false;
        } finally {
            try {
                FileSystemUtils.deleteRecursively(directory);
            } catch (IOException e) {
                LOG.debug("Cannot delete {}: {}", directory, e.toString());
            }
        }
    }
}
