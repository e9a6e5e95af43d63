package io.consortia.node.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.consensus.ChannelManager;
import io.consortia.node.consensus.RaftNode;
import io.consortia.protocol.v1.RestoreChunk;
import io.consortia.protocol.v1.StagedRestore;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages archives through the receiver of AdminService.StageRestore on a data directory with
 * real RocksDB ledgers, and applies them as the node's start does.
 */
class RestoreStageTest {
    private static final int CHUNK = 4096;

    @TempDir
    Path tmp;
    private BackupFixture fixture;
    private NodeConfig config;
    private RestoreStage stage;

    @BeforeEach
    void node() throws IOException {
        fixture = new BackupFixture(tmp);
        config = fixture.config;
        stage = new RestoreStage(config);
    }

    @Test
    void a_staged_archive_is_kept_while_the_node_runs_and_applied_at_its_next_start() throws IOException {
        Path archive = fixture.archive("n1", "org1", 0, 5);
        String sha256 = BackupFixture.sha256(archive);

        Answer answer = stage(stage, archive, sha256);

        assertThat(answer.error).isNull();
        assertThat(answer.value.getSha256()).isEqualTo(sha256);
        assertThat(answer.value.getChannelsList()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("main");
            assertThat(c.getHeight()).isEqualTo(6);
            assertThat(c.getAppliedIndex()).isEqualTo(5);
        });
        assertThat(stagedArchive()).hasSameBinaryContentAs(archive);
        assertThat(Files.readString(stagedArchive().resolveSibling(RestoreStage.SIDECAR))).startsWith(sha256);
        assertThat(config.channelsDir().resolve("main/before-restore")).as("nothing applied while running").exists();
        assertThat(uploadsLeft()).isEmpty();

        Optional<RestoreStage.Outcome> outcome = RestoreStage.applyIfStaged(config);

        assertThat(outcome).hasValueSatisfying(o -> {
            assertThat(o.applied()).as(o.reason()).isTrue();
            assertThat(o.sha256()).isEqualTo(sha256);
            assertThat(o.reason()).isEmpty();
            assertThat(o.atMillis()).isPositive();
            assertThat(o.channels()).singleElement().satisfies(c -> assertThat(c.height()).isEqualTo(6));
        });
        assertThat(config.channelsDir().resolve("main/before-restore")).doesNotExist();
        assertThat(config.channelsDir().resolve("main").resolve(ChannelManager.RESTORED_MARK)).exists();
        assertThat(config.raftDir().resolve(RaftNode.groupId("main").getUuid().toString())).doesNotExist();
        assertThat(fixture.mainHeight()).isEqualTo(6);
        assertThat(config.dataDir().resolve(RestoreStage.DIR)).doesNotExist();
        assertThat(RestoreStage.applyIfStaged(config)).as("a stage is applied once").isEmpty();
    }

    @Test
    void a_restore_by_hand_discards_a_waiting_stage_so_the_next_start_does_not_undo_it() throws IOException {
        Path staged = fixture.archive("n1", "org1", 0, 5);
        assertThat(stage(stage, staged, BackupFixture.sha256(staged)).value).isNotNull();

        assertThat(RestoreStage.discard(config)).isTrue();

        assertThat(config.dataDir().resolve(RestoreStage.DIR)).doesNotExist();
        assertThat(RestoreStage.applyIfStaged(config)).isEmpty();
        assertThat(config.channelsDir().resolve("main/before-restore")).as("the data as it was").exists();
        assertThat(RestoreStage.discard(config)).as("nothing was waiting").isFalse();
    }

    @Test
    void refused_archives_stage_nothing_and_an_earlier_stage_stays() throws IOException {
        Path good = fixture.archive("n1", "org1", 0, 2);
        String goodSha = BackupFixture.sha256(good);
        assertThat(stage(stage, good, goodSha).value).isNotNull();

        assertRefused(stage(stage, good, "00".repeat(32)), Status.Code.INVALID_ARGUMENT,
                "the archive's SHA-256 is " + goodSha + ", not " + "00".repeat(32));
        assertRefused(stage(stage, good, ""), Status.Code.INVALID_ARGUMENT, "the first chunk must carry");
        assertRefused(stage(stage, good, "not hex"), Status.Code.INVALID_ARGUMENT, "64 hexadecimal digits");
        Path otherNode = fixture.archive("n2", "org1", 0);
        assertRefused(stage(stage, otherNode, BackupFixture.sha256(otherNode)), Status.Code.INVALID_ARGUMENT,
                "the backup is of node n2, not of n1");
        Path otherOrg = fixture.archive("n1", "org9", 0);
        assertRefused(stage(stage, otherOrg, BackupFixture.sha256(otherOrg)), Status.Code.INVALID_ARGUMENT,
                "organisation org9");
        Path lying = fixture.archive("n1", "org1", 5);
        assertRefused(stage(stage, lying, BackupFixture.sha256(lying)), Status.Code.INVALID_ARGUMENT,
                "the manifest says");
        Path notAnArchive = Files.writeString(tmp.resolve("plain.txt"), "hello");
        assertRefused(stage(stage, notAnArchive, BackupFixture.sha256(notAnArchive)), Status.Code.INVALID_ARGUMENT,
                "the archive cannot be read");
        Answer shaTwice = new Answer();
        RestoreReceiver receiver = new RestoreReceiver(stage, shaTwice);
        receiver.onNext(chunk(new byte[10], goodSha));
        receiver.onNext(chunk(new byte[10], goodSha));
        assertRefused(shaTwice, Status.Code.INVALID_ARGUMENT, "on the first chunk only");

        assertThat(stagedArchive()).hasSameBinaryContentAs(good);
        assertThat(Files.readString(stagedArchive().resolveSibling(RestoreStage.SIDECAR))).startsWith(goodSha);
        assertThat(uploadsLeft()).isEmpty();
        assertThat(RestoreStage.applyIfStaged(config)).hasValueSatisfying(o -> {
            assertThat(o.applied()).as(o.reason()).isTrue();
            assertThat(o.sha256()).isEqualTo(goodSha);
        });
        assertThat(fixture.mainHeight()).isEqualTo(3);
    }

    @Test
    void a_second_stage_while_one_is_received_is_refused_and_a_cancelled_one_leaves_nothing() throws IOException {
        Path archive = fixture.archive("n1", "org1", 0, 1);
        String sha256 = BackupFixture.sha256(archive);
        Answer first = new Answer();
        RestoreReceiver receiving = new RestoreReceiver(stage, first);
        receiving.onNext(chunk(Arrays.copyOf(Files.readAllBytes(archive), 100), sha256));

        assertRefused(stage(stage, archive, sha256), Status.Code.ABORTED, "another restore is being staged");

        receiving.onError(Status.CANCELLED.asRuntimeException()); // the caller gave up
        assertThat(first.value).isNull();
        assertThat(first.error).isNull();
        assertThat(uploadsLeft()).isEmpty();
        assertThat(config.dataDir().resolve(RestoreStage.DIR)).doesNotExist();
        assertThat(stage(stage, archive, sha256).value).as("the next one is taken").isNotNull();
    }

    @Test
    void an_archive_larger_than_the_disk_can_spare_is_refused() throws IOException {
        Path archive = fixture.archive("n1", "org1", 0, 1);
        assertThat(Files.size(archive)).isGreaterThan(1_000);
        RestoreStage tight = new RestoreStage(config, () -> RestoreStage.MARGIN_BYTES + 1_000);

        assertRefused(stage(tight, archive, BackupFixture.sha256(archive)), Status.Code.RESOURCE_EXHAUSTED,
                "larger than the 1000 bytes the node's disk can spare");
        assertRefused(stage(new RestoreStage(config, () -> 0), archive, BackupFixture.sha256(archive)),
                Status.Code.RESOURCE_EXHAUSTED, "can spare");

        assertThat(uploadsLeft()).isEmpty();
        assertThat(config.dataDir().resolve(RestoreStage.DIR)).doesNotExist();
    }

    @Test
    void an_apply_that_fails_says_why_leaves_the_data_as_it_was_and_removes_the_stage() throws IOException {
        Path archive = fixture.archive("n1", "org1", 0, 2);
        String sha256 = BackupFixture.sha256(archive);
        assertThat(stage(stage, archive, sha256).value).isNotNull();
        Map<String, Long> before = dataFiles();
        byte[] damaged = Files.readAllBytes(stagedArchive());
        damaged[damaged.length / 2] ^= 0x01; // the disk, after the check
        Files.write(stagedArchive(), damaged);

        Optional<RestoreStage.Outcome> outcome = RestoreStage.applyIfStaged(config);

        assertThat(outcome).hasValueSatisfying(o -> {
            assertThat(o.applied()).isFalse();
            assertThat(o.sha256()).isEqualTo(sha256);
            assertThat(o.reason()).contains("SHA-256").contains("nothing was changed");
            assertThat(o.atMillis()).isPositive();
        });
        assertThat(dataFiles()).isEqualTo(before);
        assertThat(config.channelsDir().resolve("main/before-restore")).exists();
        assertThat(config.dataDir().resolve(RestoreStage.DIR)).doesNotExist();

        // a stage the node stopped in the middle of: its checksum is written last
        assertThat(stage(stage, archive, sha256).value).isNotNull();
        Files.delete(stagedArchive().resolveSibling(RestoreStage.SIDECAR));
        assertThat(RestoreStage.applyIfStaged(config)).hasValueSatisfying(o -> {
            assertThat(o.applied()).isFalse();
            assertThat(o.reason()).contains("incomplete");
        });
        assertThat(dataFiles()).isEqualTo(before);
        assertThat(config.dataDir().resolve(RestoreStage.DIR)).doesNotExist();
    }

    private Path stagedArchive() {
        return config.dataDir().resolve(RestoreStage.DIR).resolve(RestoreStage.ARCHIVE);
    }

    /** The data directory but the stage itself. */
    private Map<String, Long> dataFiles() throws IOException {
        return BackupFixture.files(config.dataDir()).entrySet().stream()
                .filter(e -> !e.getKey().startsWith(RestoreStage.DIR))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private java.util.List<Path> uploadsLeft() throws IOException {
        Path scratch = config.dataDir().resolve("tmp");
        if (!Files.isDirectory(scratch)) {
            return java.util.List.of();
        }
        try (var files = Files.list(scratch)) {
            return files.toList();
        }
    }

    /** Streams the archive as a client would, in several chunks, the checksum on the first. */
    private static Answer stage(RestoreStage stage, Path archive, String sha256) throws IOException {
        Answer answer = new Answer();
        RestoreReceiver receiver = new RestoreReceiver(stage, answer);
        byte[] bytes = Files.readAllBytes(archive);
        for (int off = 0; off < bytes.length || off == 0; off += CHUNK) {
            receiver.onNext(chunk(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + CHUNK)),
                    off == 0 ? sha256 : ""));
        }
        receiver.onCompleted();
        return answer;
    }

    private static RestoreChunk chunk(byte[] data, String sha256) {
        return RestoreChunk.newBuilder().setData(ByteString.copyFrom(data)).setSha256(sha256).build();
    }

    private static void assertRefused(Answer answer, Status.Code code, String reason) {
        assertThat(answer.value).isNull();
        assertThat(answer.error).isNotNull();
        assertThat(answer.error.getCode()).as(answer.error.toString()).isEqualTo(code);
        assertThat(answer.error.getDescription()).contains(reason);
    }

    /** What the node answered the caller. */
    private static final class Answer implements StreamObserver<StagedRestore> {
        StagedRestore value;
        Status error;

        @Override
        public void onNext(StagedRestore value) {
            this.value = value;
        }

        @Override
        public void onError(Throwable t) {
            error = Status.fromThrowable(t);
        }

        @Override
        public void onCompleted() {
        }
    }
}
