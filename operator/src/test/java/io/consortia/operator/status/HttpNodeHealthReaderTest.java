package io.consortia.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.consortia.node.metrics.HealthDocument;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.NodeStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpNodeHealthReaderTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private int serve(int status, String body, boolean hang) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/health", exchange -> {
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return server.getAddress().getPort();
    }

    @Test
    void readsTheNodesOwnHealthDocument() throws IOException {
        // the document the node itself writes (HealthDocument), not a hand-written imitation
        String document = HealthDocument.up(NodeStatus.newBuilder().setNodeId("org1-0").setOrganization("Org1")
                .addChannels(ChannelStatus.newBuilder().setName("trade").setHeight(42).setRaftRole("LEADER").setRaftLeader("org1-0")
                        .setRaftTerm(3).build())
                .build());
        int port = serve(200, document, false);

        NodeHealth health = new HttpNodeHealthReader(Duration.ofSeconds(5)).read("127.0.0.1", port);

        assertThat(health.up()).isTrue();
        assertThat(health.channels()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("trade");
            assertThat(c.height()).isEqualTo(42);
            assertThat(c.role()).isEqualTo("LEADER");
        });
    }

    @Test
    void aNodeWhoseChannelHasNoLeaderServesAndNamesTheChannel() throws IOException {
        // DEGRADED (200): the node runs and must not be counted as down, but it orders nothing
        String document = HealthDocument.up(NodeStatus.newBuilder().setNodeId("org3-0").setOrganization("Org3")
                .addChannels(ChannelStatus.newBuilder().setName("trade").setHeight(42).setRaftRole("CANDIDATE").build())
                .build());
        int port = serve(200, document, false);

        NodeHealth health = new HttpNodeHealthReader(Duration.ofSeconds(5)).read("127.0.0.1", port);

        assertThat(health.up()).isTrue();
        assertThat(health.leaderlessChannels()).containsExactly("trade");
    }

    @Test
    void aDownNodeIsReadAsDown() throws IOException {
        int port = serve(503, HealthDocument.down(), false);

        assertThat(new HttpNodeHealthReader(Duration.ofSeconds(5)).read("127.0.0.1", port).up()).isFalse();
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeIsReportedNotWaitedFor() throws IOException {
        int port = serve(200, "{}", true);

        assertThatThrownBy(() -> new HttpNodeHealthReader(Duration.ofMillis(300)).read("127.0.0.1", port))
                .isInstanceOf(NodeHealthReader.HealthUnavailableException.class)
                .hasMessage("/health did not answer within 300 ms");
    }

    @Test
    void anUnreachableNodeIsReported() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> new HttpNodeHealthReader(Duration.ofSeconds(2)).read("127.0.0.1", closed))
                .isInstanceOf(NodeHealthReader.HealthUnavailableException.class)
                .hasMessageStartingWith("/health unreachable: ");
    }
}
