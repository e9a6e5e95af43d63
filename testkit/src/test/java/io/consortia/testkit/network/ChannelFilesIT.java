package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A channel configuration is checked completely before anything of it is written, and a node
 * whose stored files of one channel are unusable still starts and serves its other channels.
 */
class ChannelFilesIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A root certificate PEM with a valid header and garbage inside. */
    private static ChannelConfig withGarbageRoot(ChannelConfig config, String name) {
        Organization org = config.getOrganizations(0);
        String garbage = "-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGUgYXQgYWxsLCBqdXN0IGdhcmJhZ2U=\n"
                + "-----END CERTIFICATE-----\n";
        return config.toBuilder().setName(name)
                .setOrganizations(0, org.toBuilder().setRootCertificatesPem(garbage)).build();
    }

    @Test
    void a_configuration_with_an_unreadable_root_certificate_is_refused_and_nothing_is_written() {
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).channel("main").processes(false).start()) {
            MiniNode node = network.nodes().get(0);
            ChannelConfig bad = withGarbageRoot(network.channelConfig(), "garbled");

            assertThatThrownBy(() -> network.admin(node).createChannel(bad))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.status()).get().extracting(Status::getCode).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.status().get().getDescription()).contains("root_certificates_pem");
                    });
            assertThat(node.dataDir().resolve("channels").resolve("garbled")).doesNotExist();
            // a port out of range and a negative creation time are refused the same way
            ChannelConfig good = network.channelConfig();
            ChannelConfig badPort = good.toBuilder().setName("ports")
                    .setPeers(0, good.getPeers(0).toBuilder().setApiAddress("127.0.0.1:99999")).build();
            assertThatThrownBy(() -> network.admin(node).createChannel(badPort))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status().get().getDescription())
                            .contains("port 99999 is not in 1-65535"));
            ChannelConfig badTime = good.toBuilder().setName("times").setCreatedMillis(-1).build();
            assertThatThrownBy(() -> network.admin(node).createChannel(badTime))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.status()).get().extracting(Status::getCode).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.status().get().getDescription()).contains("created_millis -1 is negative");
                    });
            assertThat(node.dataDir().resolve("channels").resolve("ports")).doesNotExist();
            assertThat(node.dataDir().resolve("channels").resolve("times")).doesNotExist();

            node.restart();
            network.awaitLeader(); // /health answers before the restarted node has elected itself again
            assertThat(commit(network, "after-refusal").blockNumber()).isPositive();
        }
    }

    @Test
    void a_node_with_unusable_files_of_one_channel_starts_and_serves_the_others() throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).channel("main").processes(true).start()) {
            MiniNode node = network.nodes().get(0);
            ChannelConfig good = network.channelConfig();
            for (String name : new String[] {"side", "torn"}) {
                network.admin(node).createChannel(good.toBuilder().setName(name).build());
                await().atMost(Duration.ofSeconds(60)).until(() -> network.admin(node).status().getChannelsList()
                        .stream().anyMatch(c -> c.getName().equals(name) && !c.getRaftLeader().isEmpty()));
            }
            commit(network, "before");
            node.stop();
            Path channels = node.dataDir().resolve("channels");
            // as an older node would have stored it: a config whose root certificate cannot be read
            Files.write(channels.resolve("side").resolve("channel.pb"), withGarbageRoot(good, "side").toByteArray());
            // and a file that is not a configuration at all
            Files.write(channels.resolve("torn").resolve("channel.pb"), "\u0000\u00ffnot protobuf".getBytes(
                    StandardCharsets.ISO_8859_1));

            node.restart();
            network.awaitLeader(); // /health answers before the restarted node has elected itself again

            assertThat(commit(network, "after").blockNumber()).isPositive();
            assertThat(network.admin(node).status().getChannelsList()).extracting(c -> c.getName())
                    .containsExactly("main");
            String health = get(node, "/health");
            assertThat(health).contains("\"failedChannels\":[{\"name\":\"side\"").contains("{\"name\":\"torn\"")
                    .contains("cannot be used");
            assertThat(get(node, "/metrics")).contains("consortia_channel_failed{channel=\"side\"} 1.0")
                    .contains("consortia_channel_failed{channel=\"torn\"} 1.0");
            assertThat(Files.readString(node.logFile())).contains("channel side is NOT served")
                    .contains("channel torn is NOT served");
            // the unusable files are left for the operator, and the channel cannot be re-created over them
            assertThat(channels.resolve("side").resolve("channel.pb")).exists();
            assertThatThrownBy(() -> network.admin(node).createChannel(good.toBuilder().setName("side").build()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).get()
                            .extracting(Status::getCode).isEqualTo(Status.Code.FAILED_PRECONDITION));
        }
    }

    private static SubmitResult commit(MiniNetwork network, String text) {
        return network.gateway(0).channel("main").contract("notarization")
                .submit("record", Hashes.hex(Hashes.sha256().digest((text + System.nanoTime()).getBytes())), text);
    }

    private static String get(MiniNode node, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.metricsPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
