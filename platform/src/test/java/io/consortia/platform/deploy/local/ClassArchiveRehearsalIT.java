package io.consortia.platform.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.node.launch.SharedClassArchive;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rehearsal with a real node process: from plain jars (this JVM's, as the platform's
 * executable jar provides them once copied out), one throwaway node serves, records the class
 * archive and is gone; the next launch maps the archive.
 */
class ClassArchiveRehearsalIT {
    @TempDir
    Path dir;

    @Test
    void a_throwaway_node_records_the_archive_that_the_next_node_maps() throws Exception {
        String jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        assertThat(jars).contains("consortia-node");
        SharedClassArchive archive = new SharedClassArchive(dir.resolve("archives"));
        List<String> options = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        SharedClassArchive.Launch launch = archive.launch(jars, options);
        assertThat(launch.recording()).isNotNull();

        boolean recorded = ClassArchiveRehearsal.run(archive, launch, jars, options, dir.resolve("rehearsal"));

        assertThat(recorded).isTrue();
        assertThat(dir.resolve("rehearsal")).as("the throwaway node's files are gone").doesNotExist();
        try (Stream<Path> files = Files.list(dir.resolve("archives"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".jsa");
        }
        assertThat(archive.launch(jars, options).options().get(0)).startsWith("-XX:SharedArchiveFile=");
    }
}
