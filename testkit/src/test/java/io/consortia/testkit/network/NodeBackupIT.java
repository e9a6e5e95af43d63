package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.common.archive.TarGzReader;
import io.consortia.crypto.Hashes;
import io.consortia.node.NodeMain;
import io.consortia.node.backup.BackupManifest;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.protocol.v1.RestoreOutcome;
import io.consortia.protocol.v1.StagedRestore;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.GatewayException;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.consortia.testkit.NodeTuning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A node is backed up through AdminService.Backup, the network commits 1,000 more blocks (one
 * transaction each), and the node is stopped and restored from its backup with
 * {@code NodeMain --restore}. The leader snapshots every 100 entries and its log segments are
 * small, so the part of the log the restored node misses is purged: it must install a checkpoint
 * from a peer, then follow the log. A damaged archive is refused before anything changes. The
 * same holds for a backup staged through AdminService.StageRestore while the node runs, which it
 * applies when it restarts.
 */
@Tag("slow")
class NodeBackupIT {
    @TempDir
    Path dir;
    private MiniNetwork network;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    /** Every node reaches the height; the nodes' logs are printed when one does not. */
    private void awaitCaughtUp(long height) {
        try {
            network.awaitHeight(height, Duration.ofMinutes(5));
        } catch (RuntimeException | AssertionError e) {
            network.dumpLogs();
            throw e;
        }
    }

    /**
     * Three node processes, one transaction a block, a Raft snapshot every 100 entries and small log
     * segments (so a restored node's backup is older than the leader's log); returns the one to restore.
     */
    private MiniNode startNetwork() {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true)
                .tuning(new NodeTuning(100, 1, 1, 64 * 1024)).start();
        return network.nodes().get(2);
    }

    @Test
    void a_node_restored_from_a_backup_1000_blocks_old_catches_up_and_a_damaged_archive_changes_nothing()
            throws Exception {
        MiniNode restored = startNetwork();
        Channel channel = network.gateway(0).channel("main");
        List<SubmitResponse> early = submitInChunks(channel, notarizations(channel, "before", 30));
        long backupHeight = channel.chainInfo().getHeight();
        network.awaitHeight(backupHeight);

        Path archive = dir.resolve("node-backup.tar.gz");
        String sha256;
        try (OutputStream out = Files.newOutputStream(archive)) {
            sha256 = network.admin(restored).backup(List.of(), out);
        }
        assertThat(Hashes.hex(Hashes.sha256().digest(Files.readAllBytes(archive)))).isEqualTo(sha256);
        BackupManifest manifest = manifestOf(archive);
        assertThat(manifest.nodeId()).isEqualTo(restored.nodeId());
        assertThat(manifest.organization()).isEqualTo(restored.organization());
        assertThat(manifest.channels()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("main");
            assertThat(c.height()).isGreaterThanOrEqualTo(backupHeight);
            assertThat(c.appliedIndex()).isPositive();
        });
        long heightInBackup = manifest.channels().get(0).height();

        List<SubmitResponse> later = submitInChunks(channel, notarizations(channel, "after", 1_000));
        assertThat(later).allSatisfy(r -> assertThat(r.getCode()).isEqualTo(ValidationCode.VALID));
        ChainInfo head = channel.chainInfo();
        assertThat(head.getHeight() - heightInBackup).isGreaterThanOrEqualTo(1_000);
        network.awaitHeight(head.getHeight(), Duration.ofMinutes(3));
        restored.stop();

        // a damaged archive is refused and the node's files stay exactly as they were
        Path damaged = dir.resolve("damaged.tar.gz");
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(damaged, bytes);
        Map<String, Long> before = files(restored.dataDir());
        Run refused = nodeMain("--config", restored.configFile().toString(), "--restore", damaged.toString(),
                "--sha256", sha256);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("SHA-256").contains("nothing was changed");
        assertThat(files(restored.dataDir())).isEqualTo(before);
        // and so is the archive of another node
        Run wrongNode = nodeMain("--config", network.nodes().get(1).configFile().toString(), "--restore",
                archive.toString(), "--sha256", sha256);
        assertThat(wrongNode.code()).isEqualTo(2);
        assertThat(wrongNode.err()).contains("is of node " + restored.nodeId());

        Run restore = nodeMain("--config", restored.configFile().toString(), "--restore", archive.toString(),
                "--sha256", sha256);
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored channel main at height " + heightInBackup);

        restored.restart();
        awaitCaughtUp(head.getHeight());
        Channel caughtUp = network.gateway(restored, restored.organization()).channel("main");
        for (long n = 0; n < head.getHeight(); n += 25) {
            assertThat(caughtUp.blockByNumber(n).getHash()).as("block %d", n).isEqualTo(channel.blockByNumber(n).getHash());
        }
        for (long n : new long[] {heightInBackup - 1, heightInBackup, head.getHeight() - 1}) {
            assertThat(caughtUp.blockByNumber(n).getHash()).as("block %d", n).isEqualTo(channel.blockByNumber(n).getHash());
        }
        assertThat(caughtUp.transaction(early.get(0).getTransactionId()).getTransaction().getCode())
                .isEqualTo(ValidationCode.VALID);
        assertThat(caughtUp.transaction(later.get(999).getTransactionId()).getTransaction().getCode())
                .isEqualTo(ValidationCode.VALID);
    }

    @Test
    void a_backup_staged_through_the_admin_api_is_applied_when_the_node_restarts_and_it_catches_up()
            throws Exception {
        MiniNode restored = startNetwork();
        Channel channel = network.gateway(0).channel("main");
        submitInChunks(channel, notarizations(channel, "before", 20));
        network.awaitHeight(channel.chainInfo().getHeight());
        Path archive = dir.resolve("staged-backup.tar.gz");
        String sha256;
        try (OutputStream out = Files.newOutputStream(archive)) {
            sha256 = network.admin(restored).backup(List.of(), out);
        }
        long heightInBackup = manifestOf(archive).channels().get(0).height();

        List<SubmitResponse> later = submitInChunks(channel, notarizations(channel, "later", 300));
        assertThat(later).allSatisfy(r -> assertThat(r.getCode()).isEqualTo(ValidationCode.VALID));

        // another node's backup is refused, and the refusal says why
        MiniNode other = network.nodes().get(1);
        assertThatThrownBy(() -> network.admin(other).stageRestore(archive, sha256))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("INVALID_ARGUMENT")
                .hasMessageContaining("is of node " + restored.nodeId());
        StagedRestore staged = network.admin(restored).stageRestore(archive, sha256);
        assertThat(staged.getSha256()).isEqualTo(sha256);
        assertThat(staged.getChannelsList()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("main");
            assertThat(c.getHeight()).isEqualTo(heightInBackup);
        });
        ChainInfo head = channel.chainInfo();
        assertThat(head.getHeight() - heightInBackup).isGreaterThanOrEqualTo(300);
        network.awaitHeight(head.getHeight(), Duration.ofMinutes(3));
        assertThat(network.admin(restored).status().hasLastRestore()).as("nothing applied while it runs").isFalse();

        restored.restart();
        RestoreOutcome outcome = network.admin(restored).status().getLastRestore();
        assertThat(outcome.getApplied()).as(outcome.getReason()).isTrue();
        assertThat(outcome.getSha256()).isEqualTo(sha256);
        assertThat(outcome.getAtMillis()).isPositive();
        assertThat(restored.dataDir().resolve("restore-staged")).doesNotExist();
        assertThat(Files.readString(restored.logFile())).contains("applied the staged restore " + sha256
                + ": channel main at height " + heightInBackup);
        awaitCaughtUp(head.getHeight());
        Channel caughtUp = network.gateway(restored, restored.organization()).channel("main");
        ChainInfo tip = caughtUp.chainInfo();
        assertThat(tip.getHeight()).isEqualTo(head.getHeight());
        assertThat(tip.getCurrentHash()).isEqualTo(head.getCurrentHash());
        assertThat(caughtUp.transaction(later.get(299).getTransactionId()).getTransaction().getCode())
                .isEqualTo(ValidationCode.VALID);
    }

    private BackupManifest manifestOf(Path archive) throws IOException {
        Path out = dir.resolve("inspect");
        TarGzReader.extract(archive, out, Long.MAX_VALUE);
        return BackupManifest.parse(Files.readAllBytes(out.resolve(BackupManifest.FILE)));
    }

    /** Every file under the directory with its size (the node is stopped: nothing changes by itself). */
    private static Map<String, Long> files(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.size(p));
            }
        }
        return files;
    }

    private record Run(int code, String out, String err) {}

    /** Runs the node's command line in this JVM (picocli returns the exit code instead of exiting). */
    private static Run nodeMain(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new NodeMain()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static List<Transaction> notarizations(Channel channel, String prefix, int count) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            txs.add(channel.newTransaction("notarization", "record",
                    Hashes.hex(Hashes.sha256().digest((prefix + "-" + i).getBytes(StandardCharsets.UTF_8))), prefix));
        }
        return txs;
    }

    /** One block per transaction: chunks keep each call well inside the commit timeout on a loaded machine. */
    private static List<SubmitResponse> submitInChunks(Channel channel, List<Transaction> txs) {
        List<SubmitResponse> responses = new ArrayList<>();
        for (int i = 0; i < txs.size(); i += 50) {
            responses.addAll(channel.submitAll(txs.subList(i, Math.min(txs.size(), i + 50)), true));
        }
        return responses;
    }
}
