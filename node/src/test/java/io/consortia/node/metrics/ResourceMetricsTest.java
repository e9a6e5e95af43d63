package io.consortia.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource metrics the platform's charts read, as a Prometheus scrape shows them. */
class ResourceMetricsTest {

    private static String scrape(NodeMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void data_directory_bytes_count_every_file_below_it(@TempDir Path dataDir) throws Exception {
        Files.write(dataDir.resolve("a"), new byte[1000]);
        Files.createDirectories(dataDir.resolve("channels/main"));
        Files.write(dataDir.resolve("channels/main/b"), new byte[234]);
        NodeMetrics metrics = new NodeMetrics();
        metrics.registerResources(dataDir);

        assertThat(scrape(metrics)).contains("consortia_data_dir_bytes 1234.0");
        Files.write(dataDir.resolve("channels/main/c"), new byte[66]);
        assertThat(scrape(metrics)).contains("consortia_data_dir_bytes 1300.0");
    }

    /** Moving the data to another disk behind a link (and Kubernetes' volume mounts) must not read as empty. */
    @Test
    void a_data_directory_that_is_a_symbolic_link_counts_what_it_points_to(@TempDir Path parent) throws Exception {
        Path real = Files.createDirectories(parent.resolve("disk2/consortia"));
        Files.createDirectories(real.resolve("channels/main"));
        Files.write(real.resolve("channels/main/b"), new byte[4321]);
        Path dataDir = Files.createSymbolicLink(parent.resolve("data"), real);
        NodeMetrics metrics = new NodeMetrics();
        metrics.registerResources(dataDir);

        assertThat(scrape(metrics)).contains("consortia_data_dir_bytes 4321.0");
    }

    @Test
    void process_cpu_memory_and_free_space_are_exported_with_their_standard_names(@TempDir Path dataDir)
            throws Exception {
        NodeMetrics metrics = new NodeMetrics();
        metrics.registerResources(dataDir);
        String text = scrape(metrics);

        assertThat(text).contains("# TYPE process_cpu_seconds_total counter").contains("# TYPE consortia_data_dir_free_bytes gauge");
        assertThat(value(text, "process_cpu_seconds_total")).isPositive();
        assertThat(value(text, "consortia_data_dir_free_bytes")).isPositive();
        assertThat(value(text, "consortia_data_dir_filesystem_bytes"))
                .isGreaterThanOrEqualTo(value(text, "consortia_data_dir_free_bytes"));
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(value(text, "process_resident_memory_bytes")).isGreaterThan(1024 * 1024);
        }
    }

    @Test
    void a_missing_data_directory_gives_no_sample_rather_than_zero(@TempDir Path parent) throws Exception {
        NodeMetrics metrics = new NodeMetrics();
        metrics.registerResources(parent.resolve("not-yet"));
        assertThat(scrape(metrics)).doesNotContain("consortia_data_dir_bytes ").doesNotContain("consortia_data_dir_free_bytes ")
                .doesNotContain("consortia_data_dir_filesystem_bytes ");
    }

    private static double value(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(
                l.indexOf(' ') + 1).split(" ")[0])).findFirst().orElseThrow(() -> new AssertionError(name + " missing:\n" + text));
    }
}
