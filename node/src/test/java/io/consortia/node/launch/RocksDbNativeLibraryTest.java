package io.consortia.node.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbNativeLibraryTest {
    private static final String CLASSPATH = System.getProperty("java.class.path");

    @TempDir
    Path dir;

    @Test
    void the_library_is_extracted_once_into_a_directory_named_after_the_jar() throws Exception {
        List<String> options = RocksDbNativeLibrary.options(CLASSPATH, dir.resolve("native"));

        assertThat(options).singleElement().asString().startsWith("-Djava.library.path=" + dir.resolve("native"));
        Path library = libraryIn(options);
        assertThat(library.getParent().getFileName().toString()).startsWith("rocksdbjni-");
        long written = Files.getLastModifiedTime(library).toMillis();
        Files.setLastModifiedTime(library, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));

        assertThat(RocksDbNativeLibrary.options(CLASSPATH, dir.resolve("native"))).isEqualTo(options);
        assertThat(Files.getLastModifiedTime(library).toMillis()).as("not written again").isEqualTo(written - 60_000);
    }

    @Test
    void a_classpath_without_rocksdb_gets_no_options() {
        assertThat(RocksDbNativeLibrary.options(dir.resolve("other.jar").toString(), dir.resolve("native"))).isEmpty();
    }

    /**
     * A node process started with the options opens RocksDB without writing the library into its
     * temporary directory; one started without them writes it there (which is what piled up).
     */
    @Test
    void a_process_started_with_the_options_leaves_nothing_in_its_temporary_directory() throws Exception {
        List<String> options = RocksDbNativeLibrary.options(CLASSPATH, dir.resolve("native"));

        assertThat(librariesWrittenByAChild(options, dir.resolve("tmp-with"))).isEmpty();
        assertThat(librariesWrittenByAChild(List.of(), dir.resolve("tmp-without"))).isNotEmpty();
    }

    private static Path libraryIn(List<String> options) throws IOException {
        Path directory = Path.of(options.get(0).substring("-Djava.library.path=".length()));
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("librocksdbjni")).findFirst().orElseThrow();
        }
    }

    /** What a child JVM that opened a RocksDB database had in its temporary directory meanwhile. */
    private List<String> librariesWrittenByAChild(List<String> options, Path tmp) throws Exception {
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", CLASSPATH, OpenDatabase.class.getName(),
                dir.resolve("db-" + tmp.getFileName()).toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("tmp: ")).map(l -> l.substring(5))
                .filter(f -> f.startsWith("librocksdbjni")).toList();
    }

    /** Opens a database, then lists its temporary directory (before exit deletes anything). */
    public static final class OpenDatabase {
        public static void main(String[] args) throws Exception {
            try (Options options = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(options, args[0])) {
                db.put(new byte[] {1}, new byte[] {2});
            }
            try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                files.forEach(f -> System.out.println("tmp: " + f.getFileName()));
            }
        }
    }
}
