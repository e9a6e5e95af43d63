package io.consortia.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the platform in this JVM on a random port with its own data directory and database,
 * and restarts it on the same data (node processes survive, as they do a real restart).
 * {@link #close()} kills every node process this JVM started and deletes the data directory.
 */
final class PlatformRunner implements AutoCloseable {
    static final String ADMIN_PASSWORD = "platform-admin-password-1";
    private final Path dataDir;
    private final Map<String, Object> properties = new HashMap<>();
    private ConfigurableApplicationContext context;
    private int port;

    PlatformRunner(TestDatabase database) {
        try {
            this.dataDir = Files.createTempDirectory("consortia-platform-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            properties.putAll(database.properties(dataDir));
        } catch (RuntimeException e) { // also the assumption that skips the PostgreSQL variant
            deleteDataDir();
            throw e;
        }
        properties.put("server.port", "0");
        properties.put("consortia.data-dir", dataDir.toString());
        properties.put("consortia.initial-admin-password", ADMIN_PASSWORD);
        // A window of node ports of its own: platforms in other JVMs on this machine (tests run side by side)
        // allocating from one shared start saw the same port free at the same moment; one's node bound it,
        // and the other's health check and channel creation reached that foreign node (TLS: "Path does not
        // chain with any of the trust anchors"). A random start keeps their cursors apart.
        int portRangeStart = 21_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_001);
        properties.put("consortia.node.port-range-start", String.valueOf(portRangeStart));
        properties.put("consortia.node.port-range-end", String.valueOf(portRangeStart + 999));
        properties.put("consortia.node.supervision-interval", "1s");
        properties.put("consortia.explorer.watchdog-interval", "1s");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.file.name", Path.of("target", "it-logs", dataDir.getFileName() + ".log").toString());
    }

    /** Sets a property for the next start (as on the command line). */
    PlatformRunner with(String key, Object value) {
        properties.put(key, String.valueOf(value));
        return this;
    }

    PlatformRunner start() {
        // as command-line arguments: they win over application.yaml (builder "properties" would not)
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(PlatformApplication.class).run(args);
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return this;
    }

    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    void restart() {
        stop();
        start();
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The platform's log file (kept under target/it-logs after the test). */
    Path logFile() {
        return Path.of(String.valueOf(properties.get("logging.file.name")));
    }

    /** One of the running platform's beans, for a test that must look behind the API (e.g. open a node's ledger). */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The running platform's bean of this name, where several share a type. */
    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    /** An anonymous client. */
    Api api() {
        return new Api("http://127.0.0.1:" + port, null);
    }

    Api admin() {
        return api().login("admin", ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        stop();
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.current().descendants().forEach(p -> p.onExit().join());
        deleteDataDir();
    }

    private void deleteDataDir() {
        try {
            FileSystemUtils.deleteRecursively(dataDir);
        } catch (IOException e) {
            // left for the OS to clean up
        }
    }
}
