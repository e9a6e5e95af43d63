package io.consortia.node.backup;

import io.consortia.protocol.v1.RestoreChunk;
import io.consortia.protocol.v1.StagedChannel;
import io.consortia.protocol.v1.StagedRestore;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the chunks of AdminService.StageRestore into a {@link RestoreUpload} and answers
 * with what was staged, or refuses with a status that says why: INVALID_ARGUMENT for an archive
 * that is not this node's good backup, ABORTED while another is being staged, RESOURCE_EXHAUSTED
 * when it would leave the node short of disk. gRPC hands one call's messages over one at a time,
 * so this needs no locking.
 */
public final class RestoreReceiver implements StreamObserver<RestoreChunk> {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreReceiver.class);

    private final RestoreStage stage;
    private final StreamObserver<StagedRestore> response;
    private RestoreUpload upload;
    private boolean finished;

    public RestoreReceiver(RestoreStage stage, StreamObserver<StagedRestore> response) {
        this.stage = stage;
        this.response = response;
    }

    @Override
    public void onNext(RestoreChunk chunk) {
        if (finished) {
            return; // refused already; gRPC may still hand over what was in flight
        }
        try {
            if (upload == null) {
                upload = begin(chunk.getSha256());
            } else if (!chunk.getSha256().isEmpty()) {
                throw refusal(Status.INVALID_ARGUMENT, "the SHA-256 goes on the first chunk only");
            }
            if (!upload.fits(chunk.getData().size())) {
                throw refusal(Status.RESOURCE_EXHAUSTED, "the archive is larger than the " + upload.limit()
                        + " bytes the node's disk can spare for it; nothing was staged");
            }
            upload.write(chunk.getData().asReadOnlyByteBuffer());
        } catch (BackupException e) {
            fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        } catch (IOException e) {
            fail(Status.INTERNAL.withDescription("cannot write the archive received: " + e.getMessage()
                    + "; nothing was staged"));
        } catch (StatusRuntimeException e) {
            fail(e.getStatus());
        }
    }

    private RestoreUpload begin(String sha256) throws IOException {
        if (sha256.isEmpty()) {
            throw refusal(Status.INVALID_ARGUMENT, "the first chunk must carry the archive's SHA-256 (64 hexadecimal"
                    + " digits, as the backup reported it)");
        }
        Optional<RestoreUpload> started = stage.begin(sha256);
        if (started.isEmpty()) {
            throw refusal(Status.ABORTED, "another restore is being staged on this node; stage again when it has"
                    + " finished");
        }
        return started.get();
    }

    @Override
    public void onError(Throwable t) {
        // the caller cancelled, or its deadline passed: nothing is staged
        finished = true;
        close();
    }

    @Override
    public void onCompleted() {
        if (finished) {
            return;
        }
        if (upload == null) {
            fail(Status.INVALID_ARGUMENT.withDescription("no chunk was sent: there is no archive to stage"));
            return;
        }
        try {
            BackupManifest manifest = upload.keep();
            finished = true;
            LOG.info("restore {} staged: {} channel(s) {}; it is applied when the node next starts", upload.sha256(),
                    manifest.channels().size(), manifest.channelNames());
            response.onNext(answer(upload.sha256(), manifest));
            response.onCompleted();
        } catch (BackupException e) {
            fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("a checked archive could not be staged: {}", e.toString());
            fail(Status.INTERNAL.withDescription("the archive passed its checks but could not be kept: "
                    + e.getMessage()));
        } finally {
            close();
        }
    }

    private static StagedRestore answer(String sha256, BackupManifest manifest) {
        StagedRestore.Builder answer = StagedRestore.newBuilder().setSha256(sha256);
        manifest.channels().forEach(c -> answer.addChannels(StagedChannel.newBuilder().setName(c.name())
                .setHeight(c.height()).setAppliedIndex(c.appliedIndex())));
        return answer.build();
    }

    private void fail(Status status) {
        finished = true;
        close();
        response.onError(status.asRuntimeException());
    }

    private void close() {
        if (upload != null) {
            upload.close();
        }
    }

    private static StatusRuntimeException refusal(Status status, String reason) {
        return status.withDescription(reason).asRuntimeException();
    }
}
