package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.Channel;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.SubmitException;
import io.consortia.sdk.TransactionException;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.consortia.testkit.NodeTuning;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node whose data is gone comes back empty after the others wrote 1,000 blocks, rejoins the
 * channel, and catches up by itself. Snapshots every 200 entries let the leader purge its log,
 * so the node must install a checkpoint from a peer and then replay the tail of the log.
 */
@Tag("slow")
class CatchUpIT {
    private MiniNetwork network;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void a_node_started_empty_after_1000_blocks_catches_up_with_identical_blocks() throws Exception {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true)
                .tuning(new NodeTuning(200, 1, 1)).start();
        MiniNode late = network.nodes().get(2);
        late.kill();
        late.wipe();

        Channel channel = network.gateway(0).channel("main");
        long start = channel.chainInfo().getHeight();
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            txs.add(channel.newTransaction("notarization", "record",
                    Hashes.hex(Hashes.sha256().digest(("catch-up-" + i).getBytes())), "n" + i));
        }
        List<SubmitResponse> responses = submitInChunks(channel, txs);
        assertThat(responses).allSatisfy(r -> assertThat(r.getCode()).isEqualTo(ValidationCode.VALID));
        long height = channel.chainInfo().getHeight();
        assertThat(height - start).isGreaterThanOrEqualTo(1_000);

        late.restart();
        // An empty node does not take its channel back by itself; it stays out for a while here, so
        // that the leader, whose appends fail meanwhile, has backed off to its slowest retry (the
        // state in which a joined node once waited minutes for its first new entry).
        AdminClient admin = network.admin(late);
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(90))
                .until(() -> admin.status().getChannelsCount() == 0);
        admin.joinChannel(network.channelConfig());
        network.awaitHeight(height, Duration.ofMinutes(5));

        Channel caughtUp = network.gateway(late, late.organization()).channel("main");
        for (long n : new long[] {0, 1, height / 2, height - 1}) {
            assertThat(caughtUp.blockByNumber(n).getHash()).isEqualTo(channel.blockByNumber(n).getHash());
        }
        TransactionInfo early = caughtUp.transaction(responses.get(3).getTransactionId());
        assertThat(ProofVerifier.verify(early, network.scheme().hash())).isTrue();
        assertThat(Files.readString(late.logFile())).contains("installed checkpoint");

        // and it takes part again: a new transaction submitted through it commits everywhere,
        // including on it. Right after joining, its answer can outlast the SDK's deadline (once in
        // a loaded full run): the SDK then says the transaction may still commit, and an
        // application looks it up, as here. A refusal (SubmitException) still fails the test.
        String id;
        try {
            id = caughtUp.contract("notarization").submit("record",
                    Hashes.hex(Hashes.sha256().digest("after".getBytes())), "after").transactionId();
        } catch (TransactionException e) {
            if (e instanceof SubmitException) {
                throw e;
            }
            id = e.transactionId();
        }
        String submitted = id;
        try {
            network.awaitHeight(height + 1, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> caughtUp.transaction(submitted).getTransaction().getCode() == ValidationCode.VALID);
        } catch (AssertionError | RuntimeException e) {
            network.dumpLogs(); // this step has failed rarely under load; the nodes' logs are what says why
            throw e;
        }
        assertThat(channel.transaction(id).getTransaction().getCode()).isEqualTo(ValidationCode.VALID);
    }

    @Test
    void a_node_that_was_down_for_1000_blocks_catches_up_from_the_log_after_restart() {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true)
                .tuning(new NodeTuning(10_000, 1, 1)).start();
        MiniNode late = network.nodes().get(1);
        late.kill();
        Channel channel = network.gateway(0).channel("main");
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            txs.add(channel.newTransaction("asset", "create", "asset-" + i, "lot " + i, String.valueOf(i)));
        }
        assertThat(submitInChunks(channel, txs))
                .allSatisfy(r -> assertThat(r.getCode()).isEqualTo(ValidationCode.VALID));
        long height = channel.chainInfo().getHeight();

        late.restart();
        network.awaitHeight(height, Duration.ofMinutes(5));
        Channel caughtUp = network.gateway(late, late.organization()).channel("main");
        assertThat(caughtUp.blockByNumber(height - 1).getHash()).isEqualTo(channel.blockByNumber(height - 1).getHash());
        assertThat(new String(caughtUp.contract("asset").evaluate("read", "asset-999"))).contains("asset-999");
    }

    @Test
    void a_node_that_was_down_while_the_log_was_purged_installs_a_checkpoint_by_itself() throws Exception {
        // snapshots every 100 entries and 64 KiB log segments: the leader's log forgets what the node missed
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true)
                .tuning(new NodeTuning(100, 1, 1, 64 * 1024)).start();
        MiniNode late = network.nodes().get(2);
        Channel channel = network.gateway(0).channel("main");
        submitInChunks(channel, notarizations(channel, "before", 20));
        network.awaitHeight(channel.chainInfo().getHeight());
        late.kill();
        submitInChunks(channel, notarizations(channel, "while-down", 600));
        long height = channel.chainInfo().getHeight();

        late.restart();
        network.awaitHeight(height, Duration.ofMinutes(5));
        Channel caughtUp = network.gateway(late, late.organization()).channel("main");
        assertThat(caughtUp.blockByNumber(height - 1).getHash()).isEqualTo(channel.blockByNumber(height - 1).getHash());
        assertThat(Files.readString(late.logFile())).contains("installed checkpoint");

        // and it goes on following the channel: Ratis reloads the machine after the install, which
        // used to close the node's Raft member (nothing after the checkpoint reached it)
        submitInChunks(channel, notarizations(channel, "after", 20));
        network.awaitHeight(channel.chainInfo().getHeight(), Duration.ofMinutes(2));
        assertThat(Files.readString(late.logFile())).doesNotContain("StateMachineUpdater caught a Throwable");
    }

    private static List<Transaction> notarizations(Channel channel, String prefix, int count) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            txs.add(channel.newTransaction("notarization", "record",
                    Hashes.hex(Hashes.sha256().digest((prefix + "-" + i).getBytes())), prefix));
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
