package io.consortia.cli;

import io.consortia.node.config.NodeConfig;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.SubmitResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Records a document hash on channel 'main' as the node's organisation user, and waits for the block. */
@Command(name = "notarize", mixinStandardHelpOptions = true,
        description = "Notarize a document hash (64 hex characters, e.g. from sha256sum) on channel 'main'.")
final class NotarizeCommand implements Callable<Integer> {
    /** What the notarization contract accepts; anything else would be committed as a rejected transaction. */
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "SHA-256 of the document, hex")
    String documentHash;

    @Parameters(index = "1", defaultValue = "", description = "metadata stored with it")
    String metadata;

    @Option(names = "--node", description = "node to send to (default: the first)")
    String nodeId;

    @Option(names = "--dir", description = "the network's directory (default .consortia/network)")
    Path dir = LocalNetwork.DEFAULT_DIR;

    @Override
    public Integer call() {
        if (!HASH.matcher(documentHash).matches()) {
            // a usage error (exit 2), refused before anything is sent
            throw new CommandLine.ParameterException(spec.commandLine(), "the document hash must be 64 hexadecimal"
                    + " characters (a SHA-256, e.g. from sha256sum), got '" + abbreviate(documentHash) + "' ("
                    + documentHash.length() + " characters)");
        }
        LocalNetwork network = new LocalNetwork(dir);
        NodeConfig node = network.node(nodeId);
        try (Gateway gateway = network.gateway(node)) {
            SubmitResult result = gateway.channel("main").contract("notarization")
                    .submit("record", documentHash, metadata);
            System.out.printf("committed in block %d%ntransaction %s%n%s%n", result.blockNumber(),
                    result.transactionId(), result.resultAsString());
        }
        return 0;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
