package io.consortia.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.sdk.Channel;
import io.consortia.sdk.ReceiptJson;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** {@code consortia verify} on a real receipt file: verified against the trusted block hash, refused when tampered. */
class VerifyCommandIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_downloaded_receipt_is_verified_offline_and_a_tampered_one_is_refused_with_the_reason(SignatureScheme scheme)
            throws Exception {
        String receipt;
        String blockHash;
        String doc = Hashes.hex(scheme.hash().digest("contract.pdf".getBytes()));
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).scheme(scheme).channel("main").start()) {
            Channel channel = network.gateway(network.nodes().get(0), "org1").channel("main");
            SubmitResult notarized = channel.contract("notarization").submit("record", doc, "loan contract");
            TransactionInfo info = channel.transaction(notarized.transactionId());
            receipt = ReceiptJson.write(info, scheme.hash());
            blockHash = Hashes.hex(channel.blockByNumber(notarized.blockNumber()).getHash().toByteArray());
        }
        // the network is gone: everything below is offline
        Path file = Files.writeString(dir.resolve("receipt.json"), receipt);

        Run ok = run("verify", file.toString(), "--trusted-block-hash", blockHash.toUpperCase(), "--document", doc);
        assertThat(ok.status).as(ok.err).isZero();
        assertThat(ok.out).contains("(payload) = transaction id", "under transactions root", "under receipts root",
                "= block hash " + blockHash, "block hash equals the trusted block hash",
                "notarization.record of document " + doc, "VERIFIED: transaction");

        Run wrongBlock = run("verify", file.toString(), "--trusted-block-hash", "00".repeat(32));
        assertThat(wrongBlock.status).isEqualTo(VerifyCommand.REFUSED);
        assertThat(wrongBlock.err).contains("receipt refused: the block hash " + blockHash
                + " is not the trusted block hash " + "00".repeat(32));

        Path forged = Files.writeString(dir.resolve("forged.json"), receipt
                .replace("\"code\" : \"VALID\"", "\"code\" : \"CONTRACT_REJECTED\"")
                .replace("\"codeNumber\" : 1,", "\"codeNumber\" : 12,"));
        Run refused = run("verify", forged.toString(), "--trusted-block-hash", blockHash);
        assertThat(refused.status).isEqualTo(VerifyCommand.REFUSED);
        assertThat(refused.out).contains("  FAIL  validation code CONTRACT_REJECTED with result");
        assertThat(refused.err).contains("is not what the block recorded for this transaction");

        Path broken = Files.writeString(dir.resolve("broken.json"), receipt.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
        Run unreadable = run("verify", broken.toString(), "--trusted-block-hash", blockHash);
        assertThat(unreadable.status).isEqualTo(VerifyCommand.UNREADABLE);
        assertThat(unreadable.err).contains("unsupported formatVersion 7");
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ConsortiaCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
