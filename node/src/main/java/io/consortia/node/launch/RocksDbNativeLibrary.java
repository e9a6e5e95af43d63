package io.consortia.node.launch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RocksDB's native library for node processes. RocksJava loads it from {@code java.library.path}
 * when it is there; otherwise it inflates the 17 MB library out of its jar into
 * {@code java.io.tmpdir} at every start. So four nodes of a new network each inflated and wrote
 * their own copy while their channel was being created, and every node that was killed rather
 * than stopped (SIGKILL, a crash, a supervisor giving up on a stop) left its copy behind: 650 of
 * them, 11 GB, had piled up in /tmp of the build machine. Extracted once into a directory named
 * after the jar and the library's checksum, and loaded from there by every node, the library is
 * one file, shared in the page cache, and nothing is left behind.
 */
public final class RocksDbNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbNativeLibrary.class);
    private static final String JAR_PREFIX = "rocksdbjni";

    private RocksDbNativeLibrary() {}

    /**
     * The JVM options that make a node process with this classpath load RocksDB's library from
     * {@code directory} (extracting it there first if needed); none when the classpath has no
     * RocksDB jar or the library cannot be extracted — the node then extracts it itself, as before.
     */
    public static List<String> options(String classpath, Path directory) {
        String name = Environment.getJniLibraryFileName("rocksdb");
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String file = jar.getFileName() == null ? "" : jar.getFileName().toString();
            if (file.startsWith(JAR_PREFIX) && file.endsWith(".jar") && Files.isRegularFile(jar)) {
                try {
                    return List.of("-Djava.library.path=" + extract(jar, name, directory));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("node processes extract RocksDB's library themselves: {}", e.toString());
                    return List.of();
                }
            }
        }
        return List.of();
    }

    private static Path extract(Path jar, String name, Path directory) throws IOException {
        try (JarFile archive = new JarFile(jar.toFile())) {
            JarEntry library = archive.getJarEntry(name);
            if (library == null) {
                throw new IOException(jar + " has no " + name + " for this platform");
            }
            String jarName = jar.getFileName().toString();
            Path target = directory.resolve(jarName.substring(0, jarName.length() - ".jar".length()) + "-"
                    + HexFormat.of().toHexDigits((int) library.getCrc()));
            Path file = target.resolve(name);
            if (Files.isRegularFile(file) && Files.size(file) == library.getSize()) {
                return target;
            }
            Files.createDirectories(target);
            // written under a temporary name and moved, so a node never loads a half-written library
            Path partial = Files.createTempFile(target, name, ".partial");
            try (InputStream in = archive.getInputStream(library)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        }
    }
}
