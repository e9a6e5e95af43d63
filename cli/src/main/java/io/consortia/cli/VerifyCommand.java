package io.consortia.cli;

import io.consortia.crypto.Hashes;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.ReceiptFormatException;
import io.consortia.sdk.ReceiptJson;
import io.consortia.sdk.ReceiptVerification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks a downloaded receipt file offline (no node, no platform) against a block hash the user
 * trusts, printing each step; exits 3 with the reason when the receipt is refused.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a receipt file (consortia-receipt JSON, as downloaded from the console or the REST API) "
                + "offline: payload -> transaction id -> transactions root, (id, validation code, result) -> "
                + "receipts root, header -> block hash = the trusted block hash.",
            "Exit status: 0 verified, 3 refused (the reason is printed), 2 bad usage or unreadable file."})
final class VerifyCommand implements Callable<Integer> {
    static final int REFUSED = 3;
    static final int UNREADABLE = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECEIPT.json", description = "the receipt file")
    Path receipt;

    @Option(names = "--trusted-block-hash", required = true, paramLabel = "HEX",
            description = "hash of the receipt's block, from a source you trust (another member, your own node, "
                    + "a published checkpoint); hex, either case")
    String trustedBlockHash;

    @Option(names = "--document", paramLabel = "HEX",
            description = "also check that the receipt proves a VALID notarization of this document hash")
    String document;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReceiptJson.Receipt read;
        byte[] trusted;
        try {
            read = ReceiptJson.read(Files.readString(receipt, StandardCharsets.UTF_8));
            trusted = Hashes.fromHex(trustedBlockHash.trim());
        } catch (IOException e) {
            err.println("consortia verify: cannot read " + receipt + ": " + e.getMessage());
            return UNREADABLE;
        } catch (ReceiptFormatException e) {
            err.println("consortia verify: " + receipt + ": " + e.getMessage());
            return UNREADABLE;
        } catch (RuntimeException e) {
            err.println("consortia verify: --trusted-block-hash must be hex: " + e.getMessage());
            return UNREADABLE;
        }
        out.printf("receipt of transaction %s (%s, channel %s, block %d, position %d)%n",
                read.info().getTransaction().getTransactionId(), read.hash().name(),
                read.info().getBlockHeader().getChannel(), read.info().getBlockNumber(), read.info().getIndexInBlock());
        ReceiptVerification result = document == null
                ? ProofVerifier.check(read.info(), read.hash(), trusted)
                : ProofVerifier.checkNotarization(read.info(), document, read.hash(), trusted);
        result.steps().forEach(step -> out.println("  ok    " + step));
        if (!result.ok()) {
            out.println("  FAIL  " + result.failure());
            err.println("consortia verify: receipt refused: " + result.failure());
            return REFUSED;
        }
        out.println(result.verdictProven()
                ? "VERIFIED: transaction " + read.info().getTransaction().getTransactionId() + " is in the trusted block "
                        + "with validation code " + read.info().getTransaction().getCode() + " and the result shown"
                : "VERIFIED INCLUSION ONLY: the block predates receipts roots (header version 0), so the validation "
                        + "code and result are NOT proven");
        out.flush();
        return 0;
    }
}
