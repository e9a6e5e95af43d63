package io.consortia.platform;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;

/**
 * The platform as {@code ./consortia start} runs it: a JVM of its own (on this test's classpath,
 * with the default H2 database of application.yaml), so that a test stops it as a person does,
 * with SIGTERM or {@code ./consortia stop --all}, and reads what it logged while stopping, which
 * an in-JVM platform ({@link PlatformRunner}) never goes through. Node records can be put into
 * its database before it starts, as a restore brings them, for stand-in node processes
 * ({@link #standInNode}) that it then adopts. {@link #close()} kills what is left.
 */
final class PlatformProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path log;
    private final List<Process> processes = new ArrayList<>();
    private Process platform;
    private int port;

    PlatformProcess(Path dataDir) {
        this.dataDir = dataDir;
        this.log = Path.of("target", "it-logs", "process-" + dataDir.getFileName() + "-" + System.nanoTime() + ".log");
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the schema and one LOCAL consortium of one organisation whose nodes have their
     * files in {@code nodeDirectories} and run as {@code pids}: what a platform restored from a
     * backup finds in its database.
     */
    void recordNodes(List<Path> nodeDirectories, List<Long> pids) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/platform");
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        long now = System.currentTimeMillis();
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
            sql.execute("insert into organizations (id, name, display_name, created_at) values (1, 'org1', 'Org 1', "
                    + now + ")");
            sql.execute("insert into consortia (id, name, name_key, signature_scheme, nodes_per_organization, consensus,"
                    + " deployment_target, leader_organization_id, status, created_at) values (1, 'Restored', 'restored',"
                    + " 'ECDSA_P256', " + nodeDirectories.size() + ", 'RAFT', 'LOCAL', 1, 'RUNNING', " + now + ")");
            sql.execute("insert into consortium_members (consortium_id, organization_id, joined_at) values (1, 1, "
                    + now + ")");
            for (int i = 0; i < nodeDirectories.size(); i++) {
                // ports nothing listens on: the health check is refused at once, so the node stays STARTING
                sql.execute("insert into nodes (node_id, consortium_id, organization_id, host, api_port, raft_port,"
                        + " metrics_port, directory, desired_state, status, pid, restarts, created_at) values ('"
                        + nodeId(i) + "', 1, 1, '127.0.0.1', " + (3 * i + 1) + ", " + (3 * i + 2) + ", " + (3 * i + 3)
                        + ", '" + nodeDirectories.get(i).toAbsolutePath() + "', 'RUNNING', 'RUNNING', " + pids.get(i)
                        + ", 0, " + now + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the nodes in " + url, e);
        }
    }

    static String nodeId(int index) {
        return "c1-org1-" + index;
    }

    /**
     * A process that passes for the node whose files are in {@code directory}: its command line
     * is a node's ({@code io.consortia.node.NodeMain --config <directory>/node.yaml}), which is
     * what the platform and {@code ./consortia stop} recognise a node by; it is a {@code sleep}.
     */
    Process standInNode(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path config = directory.toAbsolutePath().resolve("node.yaml");
        Process node = new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 600",
                "io.consortia.node.NodeMain --config " + config).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(node);
        return node;
    }

    /** Starts the platform and waits until it is ready (every start-up listener, adoption included, has run). */
    PlatformProcess start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.createDirectories(log.getParent());
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PlatformApplication.class.getName(), "--consortia.data-dir=" + dataDir.toAbsolutePath(),
                "--server.port=" + port, "--consortia.initial-admin-password=" + PlatformRunner.ADMIN_PASSWORD,
                "--consortia.node.supervision-interval=1s", "--spring.main.banner-mode=off",
                // no class-archive rehearsal: these tests start no real node
                "--consortia.node.java-options=-Xshare:off");
        platform = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.add(platform);
        Api api = new Api("http://127.0.0.1:" + port, null);
        // readiness is published after the ApplicationReadyEvent's listeners have all run
        await("the platform is ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .ignoreException(UncheckedIOException.class).until(() -> {
                    if (!platform.isAlive()) {
                        throw new AssertionError("the platform exited with " + platform.exitValue() + ":\n" + log());
                    }
                    return api.get("/actuator/health/readiness").status() == 200;
                });
        return this;
    }

    long pid() {
        return platform.pid();
    }

    /** SIGTERM, as {@code kill -TERM} or {@code ./consortia stop --all} send it; waits until it has exited. */
    void terminate() throws InterruptedException {
        platform.destroy();
        awaitExit();
    }

    /** SIGKILL: no shutdown hook runs, nothing is tidied up. */
    void kill() throws InterruptedException {
        platform.destroyForcibly();
        awaitExit();
    }

    void awaitExit() throws InterruptedException {
        if (!platform.waitFor(2, TimeUnit.MINUTES)) {
            throw new AssertionError("the platform did not exit within 2 minutes of SIGTERM");
        }
    }

    /** What the platform wrote to standard output and error. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        processes.forEach(Process::destroyForcibly);
        processes.forEach(p -> p.onExit().join());
    }
}
