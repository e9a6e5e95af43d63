package io.consortia.platform.deploy.local;

import io.consortia.common.DaemonThreads;
import io.consortia.node.launch.NodeJdk;
import io.consortia.node.launch.RocksDbNativeLibrary;
import io.consortia.node.launch.SharedClassArchive;
import io.consortia.platform.system.OwnerOnly;
import io.consortia.platform.system.PlatformProperties;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The classes node processes run with. When the platform runs as its executable jar, the
 * node's jars sit inside it (BOOT-INF/lib); they are copied out once per platform build into
 * {@code <data-dir>/node-runtime/<build>/lib} (owner-only, as all of the data directory), so
 * that nodes start from plain jars. That is what lets them use a class data sharing archive (see
 * {@link SharedClassArchive}): CDS cannot archive classes loaded through Spring Boot's nested-jar
 * class loader, and without it four node JVMs starting at once on two cores spend most of their
 * start-up loading the same classes.
 */
@Component
class NodeRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
    private static final String LIB = "BOOT-INF/lib/";
    /** How long a node may take to stop after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** See {@link SharedClassArchive#AT_EXIT_STOP_GRACE}. */
    static final Duration RECORDING_STOP_GRACE = SharedClassArchive.AT_EXIT_STOP_GRACE;

    private final PlatformProperties properties;
    private final NodeJdk jdk;
    private final SharedClassArchive archive;
    /** Node id to the class data archive its running process records. */
    private final Map<String, SharedClassArchive.Launch> recordings = new ConcurrentHashMap<>();
    private String classpath;

    NodeRuntime(PlatformProperties properties) {
        this.properties = properties;
        // a wrong java-home stops the platform at start, not the first deployment
        this.jdk = NodeJdk.configured(properties.node().javaHome());
        try {
            // 0700 before anything is put in it: the native library and the class archives are
            // written by the node's own code, with the process umask
            OwnerOnly.createDirectories(runtimeDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + runtimeDirectory(), e);
        }
        this.archive = new SharedClassArchive(runtimeDirectory().resolve("class-archives"), jdk);
        if (jdk.release() != Runtime.version().feature()) {
            LOG.info("Node processes run on Java {} ({}), the platform on Java {}", jdk.release(), jdk.home(),
                    Runtime.version().feature());
        }
    }

    /**
     * Copies the jars (and RocksDB's native library) out as soon as the platform is up, so that
     * the first deploy does not wait for it, and records the class archive with a throwaway node
     * if none exists yet.
     */
    @EventListener(ApplicationReadyEvent.class)
    void prepare() {
        DaemonThreads.start("node-runtime-prepare", () -> {
            try {
                ClassArchiveRehearsal.stopLeftovers(runtimeDirectory().resolve("rehearsal"));
                String path = classpath();
                List<String> rehearsalOptions = new ArrayList<>(nativeLibraryOptions(path));
                rehearsalOptions.addAll(properties.node().javaOptions());
                SharedClassArchive.Launch launch = archive.launch(path, properties.node().javaOptions());
                if (launch.recording() != null && !ClassArchiveRehearsal.run(archive, launch, jdk.java(), path,
                        rehearsalOptions, runtimeDirectory().resolve("rehearsal"))) {
                    archive.release(launch); // the first deployment's nodes may try instead
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot prepare the node runtime: {}", e.toString());
            } finally {
                OwnerOnly.tighten(runtimeDirectory()); // RocksDB's library and the archive, without waiting for a sweep
            }
        });
    }

    /** The command line of a node process whose files are in {@code directory}. */
    List<String> command(String nodeId, Path directory) {
        String path = classpath();
        SharedClassArchive.Launch launch = archive.launch(path, properties.node().javaOptions());
        if (launch.recording() != null) {
            recordings.put(nodeId, launch);
        } else {
            recordings.remove(nodeId);
        }
        List<String> options = new ArrayList<>(launch.options());
        options.addAll(nativeLibraryOptions(path));
        options.addAll(properties.node().javaOptions()); // after: configured options may turn sharing off
        return NodeCommand.of(directory, jdk.java(), options, path);
    }

    /** Where node processes load RocksDB's native library from (see {@link RocksDbNativeLibrary}). */
    List<String> nativeLibraryOptions(String classpath) {
        return RocksDbNativeLibrary.options(classpath, runtimeDirectory().resolve("native"));
    }

    /**
     * The node serves and its channel has a leader: if it was started to record the archive on
     * request, it records it now, in the background (about a second; the node keeps running).
     */
    void serving(String nodeId, long pid) {
        SharedClassArchive.Launch launch = recordings.get(nodeId);
        if (launch != null && launch.live() && recordings.remove(nodeId, launch)) {
            DaemonThreads.start("node-class-archive", () -> archive.dumpLive(pid, launch.recording()));
        }
    }

    /** How long the node's process gets to stop: longer while it records the class archive at exit. */
    Duration stopGrace(String nodeId) {
        SharedClassArchive.Launch launch = recordings.get(nodeId);
        return launch != null && launch.recordsAtExit() ? RECORDING_STOP_GRACE : STOP_GRACE;
    }

    /** The node's process has exited: an archive it recorded at exit is complete. */
    void exited(String nodeId) {
        SharedClassArchive.Launch launch = recordings.get(nodeId);
        if (launch != null && !launch.live() && recordings.remove(nodeId, launch)) {
            archive.recorded(launch.recording());
        }
    }

    synchronized String classpath() {
        if (classpath == null) {
            String configured = properties.node().classpath();
            String own = System.getProperty("java.class.path");
            if (configured != null && !configured.isBlank()) {
                classpath = configured;
            } else if (NodeCommand.isBootJar(own)) {
                classpath = extract(Path.of(own));
            } else {
                classpath = own;
            }
        }
        return classpath;
    }

    private Path runtimeDirectory() {
        return properties.dataDir().toAbsolutePath().normalize().resolve("node-runtime");
    }

    /** The boot jar's libraries, copied into a directory named after the jar's size and time (once per build). */
    String extract(Path bootJar) {
        try {
            String build = HexFormat.of().toHexDigits(Files.size(bootJar)) + "-"
                    + HexFormat.of().toHexDigits(Files.getLastModifiedTime(bootJar).toMillis());
            Path target = runtimeDirectory().resolve(build);
            Path lib = target.resolve("lib");
            if (!Files.isDirectory(lib)) {
                long t0 = System.nanoTime();
                Path partial = OwnerOnly.createDirectories(runtimeDirectory()).resolve(build + ".partial");
                FileSystemUtils.deleteRecursively(partial);
                OwnerOnly.createDirectories(partial.resolve("lib"));
                try (JarFile jar = new JarFile(bootJar.toFile())) {
                    for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                        String name = entry.getName();
                        if (name.startsWith(LIB) && name.endsWith(".jar") && name.indexOf('/', LIB.length()) < 0) {
                            try (InputStream in = jar.getInputStream(entry);
                                    OutputStream out = OwnerOnly.newOutputStream(
                                            partial.resolve("lib").resolve(name.substring(LIB.length())))) {
                                in.transferTo(out);
                            }
                        }
                    }
                    OwnerOnly.writeString(partial.resolve("classpath.idx"), order(jar));
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Node runtime copied out of {} into {} in {} ms", bootJar.getFileName(), lib,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            List<String> jars = new ArrayList<>();
            for (String name : Files.readAllLines(target.resolve("classpath.idx"), StandardCharsets.UTF_8)) {
                if (!name.isBlank()) {
                    jars.add(lib.resolve(name).toString());
                }
            }
            return String.join(File.pathSeparator, jars);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the node runtime out of " + bootJar, e);
        }
    }

    /** Jar names in the boot jar's classpath order (BOOT-INF/classpath.idx), one per line. */
    private static String order(JarFile jar) throws IOException {
        JarEntry index = jar.getJarEntry("BOOT-INF/classpath.idx");
        List<String> names = new ArrayList<>();
        if (index != null) {
            try (InputStream in = jar.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String entry = line.trim().replaceFirst("^- ", "").replace("\"", "");
                    if (entry.startsWith(LIB)) {
                        names.add(entry.substring(LIB.length()));
                    }
                }
            }
        } else {
            jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(LIB) && n.endsWith(".jar"))
                    .forEach(n -> names.add(n.substring(LIB.length())));
        }
        return String.join("\n", names) + "\n";
    }
}
