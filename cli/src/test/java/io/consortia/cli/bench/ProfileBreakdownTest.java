package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileBreakdownTest {

    @Test
    void samples_go_to_the_first_matching_subsystem_and_kernel_leaves_are_counted() {
        ProfileBreakdown b = ProfileBreakdown.ofLines(List.of(
                // verification on the apply thread counts as verification, not as the apply thread's RocksDB work
                "[org1-node0@group-X-StateMachineUpdater tid=7];io/consortia/node/execution/TransactionChecks.check;"
                        + "io/consortia/crypto/SignatureSchemes.verify;org/bouncycastle/math/raw/Nat256.mul_[j] 30",
                "[verify-1 tid=8];io/consortia/crypto/SignatureSchemes.verify;org/bouncycastle/math/raw/Nat256.mul_[j] 10",
                "[C2 CompilerThre tid=9];CompileBroker::compiler_thread_loop;PhaseChaitin::Split 25",
                "[org1-node0@group-X-StateMachineUpdater tid=7];io/consortia/node/ledger/ChannelLedger.write;"
                        + "org/rocksdb/RocksDB.write;fdatasync_[k] 20",
                "[rocksdb:low tid=10];rocksdb::CompactionJob::Run 5",
                "[grpc-default-worker-ELG-3-1 tid=11];io/grpc/netty/shaded/io/netty/handler/ssl/SslHandler.wrap 6",
                "[grpc-default-executor-0 tid=12];io/grpc/internal/ServerImpl$JumpToApplicationThreadServerStreamListener 3",
                "[mystery tid=13];libc_something 1",
                "not a sample line",
                ""));

        assertThat(b.total()).isEqualTo(100);
        assertThat(b.rows()).extracting(ProfileBreakdown.Row::subsystem, ProfileBreakdown.Row::samples).containsExactly(
                org.assertj.core.groups.Tuple.tuple("signature verification", 40L),
                org.assertj.core.groups.Tuple.tuple("JIT compiler threads", 25L),
                org.assertj.core.groups.Tuple.tuple("RocksDB writes (block commit)", 20L),
                org.assertj.core.groups.Tuple.tuple("TLS", 6L),
                org.assertj.core.groups.Tuple.tuple("RocksDB background: flush, compaction", 5L),
                org.assertj.core.groups.Tuple.tuple("gRPC and Netty (network I/O)", 3L),
                org.assertj.core.groups.Tuple.tuple("other", 1L));
        assertThat(b.rows().get(2).kernelSamples()).isEqualTo(20);
        assertThat(b.rows().get(0).kernelSamples()).isZero();
        // verification is left out of the hot functions: they show what else costs
        assertThat(b.topSelf(3)).extracting(java.util.Map.Entry::getKey)
                .containsExactly("PhaseChaitin::Split", "fdatasync", "io/grpc/netty/shaded/io/netty/handler/ssl/SslHandler.wrap");
    }

    @Test
    void library_code_belongs_to_whoever_runs_deepest_not_to_the_caller() {
        String grpcRunsAdmission = "[grpc-default-executor-0 tid=12];io/grpc/internal/SerializingExecutor.run;"
                + "io/consortia/node/api/TransactionServiceImpl.submitAll;io/consortia/node/channel/ChannelRuntime.submit";
        String ratisRunsApply = "[org1-node0@group-X-StateMachineUpdater tid=7];org/apache/ratis/server/impl/StateMachineUpdater.run;"
                + "io/consortia/node/channel/ChannelRuntime.apply;io/consortia/crypto/MerkleTree.root";
        String nodeCallsRatisClient = "[batcher-main tid=5];io/consortia/node/consensus/Batcher.run;"
                + "org/apache/ratis/client/impl/OrderedAsync.send";
        String ratisGrpc = "[grpc-default-executor-1 tid=13];org/apache/ratis/thirdparty/io/grpc/internal/ServerImpl.run;"
                + "org/apache/ratis/grpc/server/GrpcServerProtocolService.appendEntries;"
                + "org/apache/ratis/thirdparty/io/grpc/stub/ServerCalls.invoke;libc_write_[k]";

        assertThat(ProfileBreakdown.classify(grpcRunsAdmission)).isEqualTo("node, other (Consortia)");
        assertThat(ProfileBreakdown.classify(ratisRunsApply)).isEqualTo("node, other (Consortia)");
        assertThat(ProfileBreakdown.classify(nodeCallsRatisClient)).isEqualTo("Raft, other (Ratis)");
        assertThat(ProfileBreakdown.classify(ratisGrpc)).isEqualTo("gRPC and Netty (network I/O)");
        assertThat(ProfileBreakdown.classify("[mystery tid=1];libc_something")).isEqualTo("other");
    }

    @Test
    void the_rendered_table_names_every_subsystem_with_its_share() {
        ProfileBreakdown b = ProfileBreakdown.ofLines(List.of(
                "[verify-1 tid=8];io/consortia/crypto/SignatureSchemes.verify 75",
                "[org1-node0@group-X-SegmentedRaftLogWorker tid=3];org/apache/ratis/server/raftlog/segmented/SegmentedRaftLogWorker.run 25"));

        String table = b.render(2.0);
        BenchReport.Profile report = b.toReport("/tmp/p", 2.0);

        assertThat(report.samples()).isEqualTo(100);
        assertThat(report.subsystems()).extracting(BenchReport.Share::subsystem)
                .containsExactly("signature verification", "Raft log: append, fsync (Ratis)");
        assertThat(report.subsystems()).extracting(BenchReport.Share::percent).containsExactly(75.0, 25.0);

        assertThat(table).contains("100 samples of 4 ms (0.4 CPU-seconds; 2.0 s sampled per node, so 0.20 cores)")
                .containsPattern("75\\.0 %\\s+0\\.0 %\\s+signature verification")
                .containsPattern("25\\.0 %\\s+0\\.0 %\\s+Raft log");
    }
}
