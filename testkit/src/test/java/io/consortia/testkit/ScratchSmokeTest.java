package io.consortia.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.sdk.*;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScratchSmokeTest {
    @ParameterizedTest
    @CsvSource({"false,ECDSA_P256_SHA256", "true,SM2_SM3"})
    void smoke(boolean processes, SignatureScheme scheme) {
        try (MiniNetwork network = MiniNetwork.builder().organizations(3).processes(processes).scheme(scheme).start()) {
            try {
                Channel channel = network.gateway(0).channel("main");
                AtomicLong seen = new AtomicLong(-1);
                Subscription sub = channel.subscribeBlocks(0, b -> seen.set(b.getHeader().getNumber()));
                String doc = Hashes.hex(Hashes.sha256().digest("hello".getBytes()));
                SubmitResult r = channel.contract("notarization").submit("record", doc, "meta");
                System.err.println("RESULT " + r + " " + r.resultAsString());
                network.awaitHeight(r.blockNumber() + 1);
                assertThat(ProofVerifier.verifyNotarization(channel.transaction(r.transactionId()), doc, scheme.hash())).isTrue();
                MiniNode last = network.nodes().get(2);
                last.kill();
                SubmitResult r2 = network.gateway(1).channel("main").contract("notarization")
                        .submit("record", Hashes.hex(Hashes.sha256().digest("x".getBytes())));
                last.restart();
                network.awaitHeight(r2.blockNumber() + 1);
                org.awaitility.Awaitility.await().until(() -> seen.get() >= r2.blockNumber());
                sub.close();
                try {
                    channel.contract("notarization").submit("record", doc);
                } catch (CommitException e) {
                    System.err.println("EXPECTED " + e);
                }
                System.err.println("STATUS " + network.admin(network.nodes().get(2)).status());
            } catch (Throwable t) {
                network.dumpLogs();
                throw t;
            }
        }
    }
}
