package io.consortia.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The platform image that Maven built (profile {@code images}) starts from its unpacked layers
 * as the image's user, in its own mount and PID namespaces, with only the image's environment
 * plus what the Helm chart would give (a port here, so as not to collide with other tests): the
 * health groups the chart's probes ask become UP. H2 in the image's data directory stands in
 * for the chart's PostgreSQL.
 */
@EnabledIfSystemProperty(named = "consortia.image.platform.tar", matches = ".+")
class PlatformImageIT {
    private Path work;
    private Process platform;

    @BeforeEach
    void createWorkDirectory() throws IOException {
        work = Files.createTempDirectory("platform-image-");
    }

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            ImageTar.stop(platform);
        }
        ImageTar.run("rm", "-rf", "--one-file-system", "--", work.toString());
    }

    @Test
    void platformStartsFromItsImageAsNonRootAndBecomesReadyOnTheChartsProbePaths() throws Exception {
        assumeTrue(ImageTar.isRoot(), "unpacking an image and entering it with unshare --root needs root");
        Path tar = Path.of(System.getProperty("consortia.image.platform.tar"));
        assertThat(tar).isRegularFile();
        ImageTar image = ImageTar.open(tar, work.resolve("image"));
        assertThat(image.entrypoint()).contains("io.consortia.platform.PlatformApplication");
        assertThat(image.runConfig().path("User").asText()).isEqualTo("10001:10001");
        assertThat(image.runConfig().path("ExposedPorts").fieldNames()).toIterable().containsExactly("8080/tcp");
        assertThat(image.environment()).contains("CONSORTIA_DATA_DIR=/var/lib/consortia/platform");

        Path rootfs = work.resolve("rootfs");
        image.unpackInto(rootfs);
        int port = freePort();
        List<String> env = new ArrayList<>(image.environment());
        env.add("SERVER_PORT=" + port);
        env.add("SERVER_ADDRESS=127.0.0.1");
        Path log = work.resolve("platform.log");
        platform = image.start(rootfs, List.of(), env, log);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String group : List.of("readiness", "liveness")) {
            URI uri = URI.create("http://127.0.0.1:" + port + "/actuator/health/" + group);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .untilAsserted(() -> {
                        assertThat(platform.isAlive()).as("platform running; log:\n" + Files.readString(log)).isTrue();
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).isEqualTo(200);
                        assertThat(response.body()).contains("\"UP\"");
                    });
        }
        List<ProcessHandle> inside = platform.toHandle().descendants().toList();
        ImageTar.stop(platform);
        assertThat(inside).as("stopped with everything it started").noneMatch(ProcessHandle::isAlive);

        // it wrote its data where the image says, as the image's user
        Path dataDir = rootfs.resolve("var/lib/consortia/platform");
        assertThat(dataDir.resolve("db")).isDirectory();
        assertThat(dataDir.resolve("master.key")).isRegularFile();
        assertThat(Files.getAttribute(dataDir.resolve("master.key"), "unix:uid")).isEqualTo(10001);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
