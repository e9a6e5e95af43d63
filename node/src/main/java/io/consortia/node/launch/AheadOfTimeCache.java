package io.consortia.node.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java 25 ahead-of-time cache of node processes, which {@link SharedClassArchive} uses instead
 * of a dynamic CDS archive from Java 25 on. Beyond the parsed and verified classes a CDS archive
 * holds, the cache keeps them linked and carries the method profiles the recording node gathered,
 * so a later node compiles its hot code from its first minute: on the bench (256 callers of one
 * transaction, 60 s of load) the nodes' JIT was 0.06 cores with a cache against 0.06-0.17 without
 * (docs/performance.md).
 *
 * <p>Two steps, as the JDK has them: the first node records ({@code -XX:AOTMode=record}) and
 * writes its configuration when it exits, also on SIGTERM; the launcher then creates the cache
 * from it ({@code -XX:AOTMode=create}, a few seconds) with the same classpath, which it kept
 * beside the configuration. A node that cannot use the cache (another JDK build, other options)
 * starts without it: the JVM's default AOT mode is "auto".
 */
final class AheadOfTimeCache {
    private static final Logger LOG = LoggerFactory.getLogger(AheadOfTimeCache.class);
    /** The cache holds what it can and warns about each class it cannot (signed jars, JFR events): none matters. */
    static final List<String> QUIET = List.of("-Xlog:aot=off", "-Xlog:cds=off");
    static final String CONFIGURATION_SUFFIX = ".aotconf";
    private static final long CREATE_TIMEOUT_SECONDS = 300;

    private final Path java;

    AheadOfTimeCache(Path javaHome) {
        this.java = javaHome.resolve("bin").resolve("java");
    }

    /** The options of a node that records the configuration {@code configuration}, for this classpath. */
    static List<String> recordOptions(Path configuration) {
        return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration, QUIET.get(0), QUIET.get(1));
    }

    /** The options of a node that starts with the cache. */
    static List<String> useOptions(Path cache) {
        return List.of("-XX:AOTCache=" + cache, QUIET.get(0), QUIET.get(1));
    }

    static Path cacheOf(Path configuration) {
        return SharedClassArchive.sibling(configuration, ".aot");
    }

    static Path classpathOf(Path configuration) {
        return SharedClassArchive.sibling(configuration, ".classpath");
    }

    /** Keeps the recording node's classpath: the cache must be created with exactly the same one. */
    static void rememberClasspath(Path configuration, String classpath) throws IOException {
        Files.writeString(classpathOf(configuration), classpath, StandardCharsets.UTF_8);
    }

    /**
     * Creates the cache from a recorded configuration and moves it into place; returns whether it is
     * there. The configuration and the kept classpath are deleted either way: a failed creation is
     * not retried with the same recording.
     */
    boolean create(Path configuration) {
        Path cache = cacheOf(configuration);
        Path partial = SharedClassArchive.sibling(configuration, ".aot.partial");
        try {
            if (!Files.isRegularFile(configuration) || Files.size(configuration) == 0) {
                return false;
            }
            String classpath = Files.readString(classpathOf(configuration), StandardCharsets.UTF_8);
            Path output = Files.createTempFile(configuration.getParent(), "aot-create", ".log");
            try {
                Process create = new ProcessBuilder(java.toString(), "-XX:AOTMode=create",
                        "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + partial, QUIET.get(0),
                        QUIET.get(1), "-cp", classpath)
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!create.waitFor(CREATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    create.destroyForcibly();
                    LOG.info("no AOT cache for node processes: creating it took over {} s", CREATE_TIMEOUT_SECONDS);
                    return false;
                }
                if (create.exitValue() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
                    LOG.info("no AOT cache for node processes: {}", Files.readString(output).strip());
                    return false;
                }
            } finally {
                Files.deleteIfExists(output);
            }
            Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("node processes now start with the AOT cache {}", cache);
            return true;
        } catch (IOException e) {
            LOG.info("no AOT cache for node processes: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                Files.deleteIfExists(partial);
                Files.deleteIfExists(configuration);
                Files.deleteIfExists(classpathOf(configuration));
            } catch (IOException e) {
                LOG.debug("cannot clean up after {}: {}", configuration, e.toString());
            }
        }
    }
}
