package io.consortia.cli;

import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.config.NodeConfig;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.ReceiptJson;
import io.consortia.sdk.ReceiptVerification;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Looks a transaction up by id and verifies its Merkle proof against its block header, offline. */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Show a transaction on channel 'main' with its proof.")
final class TxCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "transaction id (hex)")
    String transactionId;

    @Option(names = "--node", description = "node to ask (default: the first)")
    String nodeId;

    @Option(names = "--save", paramLabel = "FILE",
            description = "write the receipt file (consortia-receipt JSON) for 'consortia verify'")
    Path save;

    @Option(names = "--dir", description = "the network's directory (default .consortia/network)")
    Path dir = LocalNetwork.DEFAULT_DIR;

    @Override
    public Integer call() throws Exception {
        LocalNetwork network = new LocalNetwork(dir);
        NodeConfig node = network.node(nodeId);
        try (Gateway gateway = network.gateway(node)) {
            TransactionInfo info = gateway.channel("main").transaction(transactionId);
            TransactionPayload payload = TransactionPayload.parseFrom(info.getTransaction().getTransaction().getPayload());
            SignatureScheme scheme = gateway.identity().scheme();
            ReceiptVerification check = ProofVerifier.check(info, scheme.hash());
            boolean proven = check.ok();
            if (save != null) {
                java.nio.file.Files.writeString(save, ReceiptJson.write(info, scheme.hash()));
            }
            System.out.printf("transaction %s%n  code      %s %s%n  contract  %s.%s%n  creator   %s%n"
                            + "  block     %d (hash %s), position %d%n  proof     %s%n",
                    info.getTransaction().getTransactionId(), info.getTransaction().getCode(),
                    info.getTransaction().getReason(), payload.getContract(), payload.getFunction(),
                    payload.getCreator().getOrganization(), info.getBlockNumber(),
                    Hashes.hex(info.getBlockHash().toByteArray()), info.getIndexInBlock(),
                    !proven ? "DOES NOT VERIFY: " + check.failure()
                            : check.verdictProven() ? "verified: inclusion, validation code and result (receipts root)"
                            : "verified inclusion only: the block predates receipts roots");
            return proven ? 0 : 3;
        }
    }
}
