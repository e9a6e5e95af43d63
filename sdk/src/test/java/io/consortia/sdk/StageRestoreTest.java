package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.protocol.v1.AdminServiceGrpc;
import io.consortia.protocol.v1.RestoreChunk;
import io.consortia.protocol.v1.StagedChannel;
import io.consortia.protocol.v1.StagedRestore;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AdminClient.stageRestore against a node that records what it receives, over a real (in-process) gRPC call. */
class StageRestoreTest {
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;
    private final Receiving node = new Receiving();
    private Server server;
    private ManagedChannel channel;
    private AdminClient admin;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(node).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        admin = AdminClient.newInstance().connection(channel).connect();
    }

    @AfterEach
    void stop() throws InterruptedException {
        admin.close();
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void the_archive_goes_in_1_mib_chunks_with_the_checksum_on_the_first_and_the_nodes_answer_comes_back()
            throws IOException {
        byte[] bytes = new byte[(5 << 19) + 17]; // 2.5 MiB and a bit: three chunks
        new Random(7).nextBytes(bytes);
        Path archive = Files.write(dir.resolve("backup.tar.gz"), bytes);

        StagedRestore staged = admin.stageRestore(archive, SHA);

        assertThat(staged.getSha256()).isEqualTo(SHA);
        assertThat(staged.getChannels(0).getHeight()).isEqualTo(bytes.length);
        assertThat(node.chunks).hasSize(3);
        assertThat(node.chunks.get(0).getSha256()).isEqualTo(SHA);
        assertThat(node.chunks.subList(1, 3)).allSatisfy(c -> assertThat(c.getSha256()).isEmpty());
        assertThat(node.chunks.get(0).getData().size()).isEqualTo(1 << 20);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (RestoreChunk c : node.chunks) {
            c.getData().writeTo(received);
        }
        assertThat(received.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void a_refusal_ends_the_upload_as_a_gateway_exception_with_the_nodes_status_and_reason() throws IOException {
        node.refusal = Status.INVALID_ARGUMENT.withDescription("the backup is of node n2, not of n1");
        Path archive = Files.write(dir.resolve("other.tar.gz"), new byte[64 << 20]);

        assertThatThrownBy(() -> admin.stageRestore(archive, SHA))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("Stage restore failed: INVALID_ARGUMENT: the backup is of node n2, not of n1")
                .satisfies(e -> assertThat(((GatewayException) e).status()).hasValueSatisfying(
                        s -> assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT)));
        assertThat(node.chunks).as("it stopped sending long before 64 chunks").hasSizeLessThan(64);
    }

    @Test
    void a_missing_archive_is_refused_before_any_call() {
        assertThatThrownBy(() -> admin.stageRestore(dir.resolve("none.tar.gz"), SHA))
                .isInstanceOf(GatewayException.class).hasMessageContaining("there is no archive at");
        assertThat(node.chunks).isEmpty();
    }

    /** Answers with the bytes received as the channel's "height", or refuses at the first chunk. */
    private static final class Receiving extends AdminServiceGrpc.AdminServiceImplBase {
        final List<RestoreChunk> chunks = new CopyOnWriteArrayList<>();
        volatile Status refusal;

        @Override
        public StreamObserver<RestoreChunk> stageRestore(StreamObserver<StagedRestore> response) {
            return new StreamObserver<>() {
                private long bytes;
                private boolean refused;

                @Override
                public void onNext(RestoreChunk chunk) {
                    chunks.add(chunk);
                    bytes += chunk.getData().size();
                    if (refusal != null && !refused) {
                        refused = true;
                        response.onError(refusal.asRuntimeException());
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    if (!refused) {
                        response.onNext(StagedRestore.newBuilder().setSha256(chunks.get(0).getSha256())
                                .addChannels(StagedChannel.newBuilder().setName("main").setHeight(bytes)).build());
                        response.onCompleted();
                    }
                }
            };
        }
    }
}
