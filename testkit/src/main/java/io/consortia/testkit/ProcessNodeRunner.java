package io.consortia.testkit;

import io.consortia.common.Processes;
import io.consortia.node.launch.NodeJdk;
import io.consortia.node.launch.RocksDbNativeLibrary;
import io.consortia.node.launch.SharedClassArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node in its own JVM, with this JVM's classpath, output appended to node.log (so the log
 * of every incarnation survives restarts).
 */
final class ProcessNodeRunner implements NodeRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessNodeRunner.class);
    static final String MAIN_CLASS = "io.consortia.node.NodeMain";
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final NodeLayout layout;
    private final List<String> jvmOptions;
    private final SharedClassArchive classArchive;
    private final Path classArchives;
    private final NodeJdk jdk;
    private Process process;
    /** How the running process was started with respect to the class data archive. */
    private SharedClassArchive.Launch sharing = SharedClassArchive.Launch.NONE;

    ProcessNodeRunner(NodeLayout layout, List<String> jvmOptions, Path classArchives) {
        this(layout, jvmOptions, classArchives, NodeJdk.current());
    }

    /** @param jdk the JDK whose java runs the node (the archive follows it) */
    ProcessNodeRunner(NodeLayout layout, List<String> jvmOptions, Path classArchives, NodeJdk jdk) {
        this.layout = layout;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classArchives = classArchives;
        this.jdk = jdk;
        this.classArchive = classArchives == null ? null : new SharedClassArchive(classArchives, jdk);
    }

    /** The command line that starts the node; separate so that it can be checked without starting. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        String classpath = System.getProperty("java.class.path");
        command.add(jdk.java().toString());
        if (classArchive != null) {
            sharing = classArchive.launch(classpath, jvmOptions);
            command.addAll(sharing.options()); // first: the given options may turn it off
            command.addAll(RocksDbNativeLibrary.options(classpath, classArchives.resolve("native")));
        }
        command.addAll(jvmOptions);
        command.add("-Dlogback.configurationFile=" + layout.logbackFile());
        command.add("-cp");
        command.add(classpath);
        command.add(MAIN_CLASS);
        command.add("--config");
        command.add(layout.configFile().toString());
        return command;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException(layout.nodeId() + " is already running");
        }
        try {
            process = new ProcessBuilder(command())
                    .directory(layout.directory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(layout.logFile().toFile()))
                    .start();
            LOG.info("Started node {} as process {}", layout.nodeId(), process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start node " + layout.nodeId(), e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Processes.kill(process.toHandle(), GRACE); // SIGKILL ends a stopped (SIGSTOP) process too
    }

    @Override
    public synchronized void pause(boolean frozen) {
        if (!isRunning()) {
            throw new IllegalStateException(layout.nodeId() + " is not running");
        }
        String signal = frozen ? "-STOP" : "-CONT";
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot signal node " + layout.nodeId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signalling " + layout.nodeId(), e);
        }
        LOG.info("Node {} (process {}) {}", layout.nodeId(), process.pid(), frozen ? "paused (SIGSTOP)" : "resumed (SIGCONT)");
    }

    @Override
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        Duration grace = sharing.recordsAtExit() ? SharedClassArchive.AT_EXIT_STOP_GRACE : GRACE;
        if (!Processes.stop(process.toHandle(), grace)) {
            LOG.warn("Node {} did not stop within {} s; killed it", layout.nodeId(), grace.toSeconds());
        } else if (sharing.recordsAtExit()) {
            classArchive.recorded(sharing.recording());
            sharing = SharedClassArchive.Launch.NONE;
        }
    }

    @Override
    public synchronized void recordClassArchive() {
        if (sharing.live() && isRunning()) {
            classArchive.dumpLive(process.pid(), sharing.recording());
            sharing = SharedClassArchive.Launch.NONE;
        }
    }

    @Override
    public synchronized void dispose() {
        if (sharing.recordsAtExit()) {
            stop();
        } else {
            kill();
        }
    }

    @Override
    public synchronized void checkAlive() {
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException("Node " + layout.nodeId() + " exited with code " + process.exitValue()
                    + "; last lines of " + layout.logFile() + ":\n" + LogTail.read(layout.logFile(), 40));
        }
    }
}
