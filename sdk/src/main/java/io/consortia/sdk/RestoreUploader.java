package io.consortia.sdk;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.AdminServiceGrpc;
import io.consortia.protocol.v1.RestoreChunk;
import io.consortia.protocol.v1.StagedRestore;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Streams an archive to AdminService.StageRestore. Each chunk waits until the transport takes
 * more, so a slow node holds the reader back instead of the client buffering the whole archive;
 * a node that refuses early (a bad checksum, another stage running) ends the upload at once.
 */
final class RestoreUploader implements ClientResponseObserver<RestoreChunk, StagedRestore> {
    static final int CHUNK = 1 << 20;

    private final CompletableFuture<StagedRestore> answer = new CompletableFuture<>();
    private ClientCallStreamObserver<RestoreChunk> requests;

    private RestoreUploader() {}

    /**
     * Uploads {@code archive} to the node behind {@code channel} and waits for its answer.
     *
     * @throws StatusRuntimeException with the node's refusal, or CANCELLED if the archive cannot be read
     */
    static StagedRestore upload(io.grpc.Channel channel, long deadlineMillis, Path archive, String sha256) {
        RestoreUploader uploader = new RestoreUploader();
        AdminServiceGrpc.newStub(channel).withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .stageRestore(uploader);
        uploader.send(archive, sha256);
        return uploader.await();
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<RestoreChunk> requests) {
        this.requests = requests;
        requests.setOnReadyHandler(this::wake);
    }

    private void send(Path archive, String sha256) {
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] buffer = new byte[CHUNK];
            boolean first = true;
            int n;
            while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0 || first) {
                if (!awaitReady()) {
                    return; // the node answered already: a refusal
                }
                RestoreChunk.Builder chunk = RestoreChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, n));
                if (first) {
                    chunk.setSha256(sha256);
                }
                requests.onNext(chunk.build());
                first = false;
            }
            requests.onCompleted();
        } catch (IOException e) {
            requests.cancel("cannot read the archive", e);
            answer.completeExceptionally(Status.CANCELLED.withDescription("cannot read the archive " + archive
                    + ": " + e.getMessage()).asRuntimeException());
        }
    }

    /** False once the call has ended. */
    private synchronized boolean awaitReady() {
        while (!requests.isReady() && !answer.isDone()) {
            try {
                wait(1_000); // woken by the transport's onReady; the timeout only guards a missed wake-up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requests.cancel("interrupted", e);
                answer.completeExceptionally(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
            }
        }
        return !answer.isDone();
    }

    private synchronized void wake() {
        notifyAll();
    }

    private StagedRestore await() {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.cancel("interrupted", e);
            throw Status.CANCELLED.withDescription("interrupted while the node checked the archive")
                    .asRuntimeException();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusRuntimeException s ? s : Status.fromThrowable(e.getCause())
                    .asRuntimeException();
        }
    }

    @Override
    public void onNext(StagedRestore value) {
        answer.complete(value);
    }

    @Override
    public void onError(Throwable t) {
        answer.completeExceptionally(t instanceof StatusRuntimeException ? t : Status.fromThrowable(t)
                .asRuntimeException());
        wake();
    }

    @Override
    public void onCompleted() {
        answer.completeExceptionally(Status.INTERNAL.withDescription("the node ended the call without an answer")
                .asRuntimeException());
        wake();
    }
}
