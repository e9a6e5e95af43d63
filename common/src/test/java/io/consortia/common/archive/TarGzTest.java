package io.consortia.common.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {
    @TempDir
    Path dir;

    @Test
    void files_written_are_read_back_with_their_names_and_content() throws IOException {
        Path source = Files.createDirectories(dir.resolve("src/sub"));
        Files.write(source.resolve("big.bin"), new byte[700_001]);
        Files.writeString(dir.resolve("src/top.txt"), "top");
        String longName = "channels/" + "c".repeat(63) + "/ledger/" + "x".repeat(80) + ".sst";
        Path archive = dir.resolve("a.tar.gz");
        try (TarGzWriter w = new TarGzWriter(Files.newOutputStream(archive))) {
            w.add("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
            w.addTree("tree", dir.resolve("src"));
            w.add(longName, "long".getBytes(StandardCharsets.UTF_8));
        }
        Path out = dir.resolve("out");
        List<String> names = TarGzReader.extract(archive, out, 10_000_000);
        assertThat(names).containsExactly("manifest.json", "tree/sub/big.bin", "tree/top.txt", longName);
        assertThat(Files.size(out.resolve("tree/sub/big.bin"))).isEqualTo(700_001);
        assertThat(Files.readString(out.resolve("tree/top.txt"))).isEqualTo("top");
        assertThat(Files.readString(out.resolve(longName))).isEqualTo("long");
    }

    @Test
    void gnu_tar_reads_what_the_writer_writes() throws Exception {
        Path archive = dir.resolve("b.tar.gz");
        try (TarGzWriter w = new TarGzWriter(Files.newOutputStream(archive))) {
            w.add("dir/hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
        }
        Process tar = new ProcessBuilder("tar", "tzf", archive.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(listing).isZero();
        assertThat(listing.trim()).isEqualTo("dir/hello.txt");
    }

    @Test
    void names_that_leave_the_target_are_refused_when_written() {
        assertThatThrownBy(() -> {
            try (TarGzWriter w = new TarGzWriter(OutputStream.nullOutputStream())) {
                w.add("../evil", new byte[1]);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("unsafe");
    }

    @Test
    void a_corrupted_archive_is_refused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarGzWriter w = new TarGzWriter(bytes)) {
            w.add("f.txt", "some content that is long enough to matter".repeat(50).getBytes(StandardCharsets.UTF_8));
        }
        byte[] data = bytes.toByteArray();
        data[data.length / 2] ^= 0x5a;
        Path archive = dir.resolve("bad.tar.gz");
        Files.write(archive, data);
        assertThatThrownBy(() -> TarGzReader.extract(archive, dir.resolve("x"), 10_000_000))
                .isInstanceOf(IOException.class);
    }

    @Test
    void an_archive_larger_than_allowed_is_refused() throws IOException {
        Path archive = dir.resolve("c.tar.gz");
        try (TarGzWriter w = new TarGzWriter(Files.newOutputStream(archive))) {
            w.add("zeros", new byte[100_000]);
        }
        assertThatThrownBy(() -> TarGzReader.extract(archive, dir.resolve("y"), 1000))
                .isInstanceOf(IOException.class).hasMessageContaining("expands beyond");
    }
}
