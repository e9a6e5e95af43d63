package io.consortia.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.node.config.NodeConfig;
import io.consortia.protocol.v1.RestoreChunk;
import io.consortia.protocol.v1.StagedRestore;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging a restore is for admins of the node's organisation, like a backup. */
class StageRestoreAuthorizationTest {
    @TempDir
    Path tmp;

    @Test
    void a_caller_without_an_admin_certificate_is_refused_and_what_it_sends_is_dropped() {
        NodeConfig layout = NodeConfig.standardLayout("n1", "org1", "127.0.0.1", 1, 2, 3);
        NodeConfig config = new NodeConfig(layout.nodeId(), layout.organization(), tmp.resolve("data"),
                layout.identity(), layout.tls(), layout.api(), layout.raft(), layout.metrics(), layout.batching(),
                layout.limits());
        // TLS on, and no caller certificate in the call's context
        AdminServiceImpl admin = new AdminServiceImpl(config, null, new Authorization(true, "org1"), 0, null,
                Optional.empty());
        AtomicReference<Status> refused = new AtomicReference<>();

        StreamObserver<RestoreChunk> chunks = admin.stageRestore(new StreamObserver<>() {
            @Override
            public void onNext(StagedRestore value) {
                throw new AssertionError("staged for a caller without an admin certificate");
            }

            @Override
            public void onError(Throwable t) {
                refused.set(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
            }
        });
        chunks.onNext(RestoreChunk.newBuilder().setSha256("ab".repeat(32)).setData(ByteString.copyFromUtf8("x"))
                .build());
        chunks.onCompleted();

        assertThat(refused.get().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refused.get().getDescription()).startsWith("node restore requires").contains("role admin");
        assertThat(config.dataDir()).doesNotExist();
    }
}
