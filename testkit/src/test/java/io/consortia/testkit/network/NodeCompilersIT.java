package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A node process keeps HotSpot's optimising compiler to its arithmetic by itself, whatever
 * started it (issue 21): the directives are in force without a JVM option, and the node says so.
 */
class NodeCompilersIT {

    @Test
    void a_node_process_compiles_only_its_arithmetic_with_c2_and_logs_it() throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).processes(true).start()) {
            MiniNode node = network.nodes().get(0);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(node.logFile()))
                    .contains("compilers: C2 compiles signature verification, hashing and contract execution only"));
            // and it commits as before: submit returns once the transaction is committed VALID
            String doc = Hashes.hex(Hashes.sha256().digest(("c2 " + System.nanoTime()).getBytes()));
            assertThat(network.gateway(0).channel("main").contract("notarization").submit("record", doc, "c2")
                    .blockNumber()).isPositive();
        }
    }
}
