package io.consortia.cli;

import io.consortia.node.config.NodeConfig;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.SubmitResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Records a document hash on channel 'main' as the node's organisation user, and waits for the block. */
@Command(name = "notarize", mixinStandardHelpOptions = true,
        description = "Notarize a document hash (64 hex characters, e.g. from sha256sum) on channel 'main'.")
final class NotarizeCommand implements Callable<Integer> {
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
}
