package io.consortia.node.launch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class data sharing (CDS) for node processes. A node JVM loads, parses and verifies some 6,000
 * classes of gRPC, Netty, Ratis, RocksDB, protobuf and BouncyCastle before it serves; four of
 * them starting at once on a two-core machine spend most of their start-up doing exactly that,
 * four times over. A dynamic CDS archive keeps those classes parsed and verified in a file that
 * later JVMs map instead.
 *
 * <p>The first node started for a given JDK and classpath records the archive. With the JDK's
 * {@code jcmd} at hand it is started with {@code -XX:+RecordDynamicDumpInfo} and its launcher
 * asks it for the archive once the node has served and joined its channel ({@link #dumpLive});
 * the node keeps running. Otherwise it records the archive when it exits
 * ({@code -XX:ArchiveClassesAtExit}, also on SIGTERM) and the launcher moves it into place
 * ({@link #recorded}), or, if nobody does, the next launch does once the file has settled. Every
 * later node maps the archive ({@code -XX:SharedArchiveFile}). The archive's name is a digest of
 * the JDK and of every classpath jar's path, size and modification time, so a rebuilt jar gets a
 * new archive rather than a rejected one. A JVM that cannot use an archive starts without it:
 * the worst case is the start-up time without CDS. CDS archives classes from jar files only, so
 * a classpath with directories (tests running from target/classes) gets no options.
 */
public final class SharedClassArchive {
    private static final Logger LOG = LoggerFactory.getLogger(SharedClassArchive.class);
    /** A dump not modified for this long is complete: the JVM writes it in about a second at exit. */
    static final Duration SETTLED = Duration.ofSeconds(5);
    /** Archives kept in the directory, the newest first (see {@link #pruneOlderThan}). */
    static final int KEPT = 3;
    /** A claim this old without a dump belongs to a node that was killed (no dump on SIGKILL). */
    static final Duration ABANDONED = Duration.ofMinutes(30);
    /** CDS reports every class it cannot archive (lambda forms, hidden classes) as a warning; none matters. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private static final String RECORD = "-XX:ArchiveClassesAtExit=";

    /**
     * How long a node process that records the archive at exit may take to stop before it is
     * killed. It writes the archive while it stops: on Java 25 on a slow two-core machine that took
     * 19-20+ s, and a node killed at the usual 20 s wrote nothing, so every later node started
     * without the archive.
     */
    public static final Duration AT_EXIT_STOP_GRACE = Duration.ofSeconds(120);

    /**
     * The first Java release whose node processes record at exit even with jcmd at hand. On Temurin 25.0.3 a node
     * whose archive was dumped live ({@code jcmd VM.cds dynamic_dump}) kept running and then died of a SIGSEGV in
     * {@code LambdaProxyClassDictionary::find_lambda_proxy_class} at the next lambda it linked (a metrics scrape,
     * about a minute later; twice in two bench runs). Dumping at exit leaves no running JVM behind the dump.
     */
    static final int FIRST_RELEASE_WITHOUT_LIVE_DUMP = 25;

    private final Path directory;
    private final NodeJdk jdk;
    private final Path jcmd;

    /** For node processes run by this JVM's java. */
    public SharedClassArchive(Path directory) {
        this(directory, NodeJdk.current());
    }

    /** For node processes run by {@code jdk}'s java: its jcmd, its base archive, its release. */
    public SharedClassArchive(Path directory, NodeJdk jdk) {
        this(directory, jdk, jdk.jcmd());
    }

    /** With another jcmd: a path that does not exist makes processes record at exit. */
    SharedClassArchive(Path directory, Path jcmd) {
        this(directory, NodeJdk.current(), jcmd);
    }

    SharedClassArchive(Path directory, NodeJdk jdk, Path jcmd) {
        this.directory = directory;
        this.jdk = jdk;
        this.jcmd = jcmd;
    }

    /**
     * How to start a node process with this classpath, run by the archive's JDK.
     *
     * @param options JVM options, to put before any configured ones (which may turn CDS off)
     * @param recording the archive this process records, or null
     * @param live whether it records on request ({@link #dumpLive}) rather than at exit
     */
    public record Launch(List<String> options, Path recording, boolean live) {
        public static final Launch NONE = new Launch(List.of(), null, false);

        /** Whether the process writes the archive as it exits (see {@link #AT_EXIT_STOP_GRACE}). */
        public boolean recordsAtExit() {
            return recording != null && !live;
        }
    }

    /**
     * @param configured the other JVM options of the process: with {@code -Xshare:off} there is
     *        no sharing (a JVM asked to record without the JDK's base archive does not start)
     */
    public Launch launch(String classpath, List<String> configured) {
        if (!archivable(classpath) || managesSharing(configured) || !Files.isRegularFile(jdk.baseArchive())) {
            return Launch.NONE;
        }
        try {
            String key = key(classpath);
            Path archive = directory.resolve("node-" + key + ".jsa");
            Path dump = directory.resolve("node-" + key + ".dump");
            Path claim = directory.resolve("node-" + key + ".claim");
            promoteSettledDump(dump);
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return new Launch(concat("-XX:SharedArchiveFile=" + archive), null, false);
            }
            if (!claim(claim)) {
                return Launch.NONE;
            }
            return Files.isExecutable(jcmd) && jdk.release() < FIRST_RELEASE_WITHOUT_LIVE_DUMP
                    ? new Launch(concat("-XX:+RecordDynamicDumpInfo"), dump, true)
                    : new Launch(concat(RECORD + dump), dump, false);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no class data sharing for node processes: {}", e.toString());
            return Launch.NONE;
        }
    }

    /**
     * Options that turn sharing off or bring their own archive: a Java 25 ahead-of-time cache
     * ({@code -XX:AOTCache}, {@code -XX:AOTCacheOutput}, {@code -XX:AOTMode}) or an archive file.
     * The JVM refuses a second archive option beside them, so the automatic archive steps aside.
     */
    static boolean managesSharing(List<String> configured) {
        return configured.stream().anyMatch(o -> o.equals("-Xshare:off") || o.startsWith("-XX:AOTCache")
                || o.startsWith("-XX:AOTMode") || o.startsWith("-XX:AOTConfiguration")
                || o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:ArchiveClassesAtExit"));
    }

    /**
     * Asks the running node process {@code pid}, started with a live {@link Launch}, to write the
     * archive of the classes it has loaded so far, and moves it into place. Takes about a second;
     * the node keeps running. Returns whether the archive is now there.
     */
    public boolean dumpLive(long pid, Path recording) {
        try {
            Process command = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.cds", "dynamic_dump",
                    recording.toString()).redirectErrorStream(true).start();
            // jcmd answers in a line or two, well within the pipe's buffer: wait first, then read,
            // so that a jcmd that hangs cannot hold this thread past the timeout
            if (!command.waitFor(60, TimeUnit.SECONDS)) {
                command.destroyForcibly();
                LOG.info("no class data archive from process {}: jcmd did not answer within 60 s", pid);
                return false;
            }
            if (command.exitValue() != 0) {
                LOG.info("no class data archive from process {}: {}", pid,
                        new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                return false;
            }
            recorded(recording);
            return Files.isRegularFile(archiveOf(recording));
        } catch (IOException e) {
            LOG.info("no class data archive from process {}: {}", pid, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The recording is complete (its process has exited, or {@link #dumpLive} wrote it), so later
     * nodes can map it at once rather than after {@link #SETTLED}.
     */
    public void recorded(Path dump) {
        try {
            if (Files.isRegularFile(dump) && Files.size(dump) > 0) {
                Path archive = archiveOf(dump);
                Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(sibling(dump, ".claim"));
                LOG.info("node processes now start with the class data archive {}", archive);
                pruneOlderThan(archive);
            }
        } catch (IOException e) {
            LOG.debug("cannot move {} into place: {}", dump, e.toString());
        }
    }

    /**
     * Every rebuilt jar gets a new archive (~50 MB), so without pruning the directory grows with
     * every build: 28 archives, 1.4 GB, had collected on the build machine. Keeps the newest
     * {@value #KEPT} — other checkouts or platform versions may still be launching with them — and
     * deletes the rest. A process that maps a deleted archive keeps it until it exits; one started
     * with it later starts without sharing (the worst case is the start-up time without CDS).
     */
    private void pruneOlderThan(Path newest) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().matches("node-.*\\.jsa"))
                    .filter(f -> !f.equals(newest))
                    .sorted(Comparator.comparing(SharedClassArchive::modified).reversed())
                    .toList();
            for (Path old : archives.subList(Math.min(KEPT - 1, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot prune old class data archives in {}: {}", directory, e.toString());
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Gives up a recording that did not happen, so that a later launch may record instead. */
    public void release(Launch launch) {
        if (launch.recording() != null) {
            try {
                Files.deleteIfExists(sibling(launch.recording(), ".claim"));
            } catch (IOException e) {
                LOG.debug("cannot release {}: {}", launch.recording(), e.toString());
            }
        }
    }

    private static Path archiveOf(Path dump) {
        return sibling(dump, ".jsa");
    }

    private static Path sibling(Path dump, String suffix) {
        String name = dump.getFileName().toString();
        return dump.resolveSibling(name.substring(0, name.length() - ".dump".length()) + suffix);
    }

    private static List<String> concat(String option) {
        return Stream.concat(Stream.of(option), QUIET.stream()).toList();
    }

    static boolean archivable(String classpath) {
        if (classpath == null || classpath.isBlank()) {
            return false;
        }
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    private void promoteSettledDump(Path dump) throws IOException {
        if (Files.isRegularFile(dump) && Files.size(dump) > 0
                && Files.getLastModifiedTime(dump).toInstant().plus(SETTLED).isBefore(Instant.now())) {
            recorded(dump);
        }
    }

    /** Whether this launch records the archive: only one at a time may write the dump. */
    private boolean claim(Path claim) throws IOException {
        Files.createDirectories(directory);
        try {
            Files.createFile(claim);
            return true;
        } catch (FileAlreadyExistsException e) {
            FileTime created = Files.getLastModifiedTime(claim);
            if (created.toInstant().plus(ABANDONED).isBefore(Instant.now())) {
                Files.setLastModifiedTime(claim, FileTime.from(Instant.now()));
                return true;
            }
            return false;
        }
    }

    private String key(String classpath) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, jdk.home().toString());
            update(digest, jdk.version());
            for (String entry : classpath.split(File.pathSeparator)) {
                Path jar = Path.of(entry).toAbsolutePath();
                update(digest, jar.toString());
                update(digest, Long.toString(Files.size(jar)));
                update(digest, Long.toString(Files.getLastModifiedTime(jar).toMillis()));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
