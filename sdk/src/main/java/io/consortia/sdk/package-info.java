/**
 * Java client for Consortia networks. Start with {@link io.consortia.sdk.Gateway}.
 *
 * <p>A {@link io.consortia.sdk.Gateway} connects an {@link io.consortia.sdk.Identity} to one
 * or more nodes; {@link io.consortia.sdk.Gateway#channel(String)} opens a ledger, and
 * {@link io.consortia.sdk.Channel#contract(String)} a contract on it. Transactions are built
 * and signed in the client, so the private key never leaves the application.
 *
 * <pre>{@code
 * import io.consortia.crypto.Pem;
 * import io.consortia.sdk.*;
 * import java.nio.file.*;
 * import java.util.List;
 *
 * public class Notarize {
 *     public static void main(String[] args) throws Exception {
 *         Path dir = Path.of("crypto/org1");
 *         Identity identity = Identity.of("org1",
 *                 Pem.readCertificate(Files.readString(dir.resolve("user.pem"))),
 *                 Pem.readPrivateKey(Files.readString(dir.resolve("user.key"))));
 *         try (Gateway gateway = Gateway.newInstance()
 *                 .endpoint("127.0.0.1", 7051)
 *                 .identity(identity)
 *                 .tls(Pem.readCertificates(Files.readString(dir.resolve("tls-roots.pem"))),
 *                         Pem.readCertificate(Files.readString(dir.resolve("client-tls.pem"))),
 *                         Pem.readPrivateKey(Files.readString(dir.resolve("client-tls.key"))))
 *                 .connect()) {
 *             Channel channel = gateway.channel("main");
 *             try {
 *                 SubmitResult result = channel.contract("notarization").submit("record", args[0]);
 *                 System.out.println(result.transactionId() + " in block " + result.blockNumber());
 *             } catch (SubmitException | CommitException e) {
 *                 System.err.println("refused: " + e.getMessage());
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Exceptions follow a transaction's life, all unchecked: {@link io.consortia.sdk.GatewayException}
 * (the node could not be asked) → {@link io.consortia.sdk.TransactionException} (outcome of a
 * known transaction unknown) → {@link io.consortia.sdk.SubmitException} (refused at admission,
 * nothing recorded) or {@link io.consortia.sdk.CommitException} (recorded in a block as invalid).
 * Receipts can be checked offline with {@link io.consortia.sdk.ProofVerifier}; nodes are
 * administered with {@link io.consortia.sdk.AdminClient}.
 *
 * <p>Blocks are followed with {@link io.consortia.sdk.Channel#subscribeBlocks}; contract events,
 * filtered on the node by contract and event name ({@link io.consortia.sdk.EventFilter}), with
 * {@link io.consortia.sdk.Channel#subscribeEvents}. The built-in {@code nft} and
 * {@code traceability} contracts have typed clients: {@link io.consortia.sdk.NftClient} and
 * {@link io.consortia.sdk.TraceabilityClient}.
 */
package io.consortia.sdk;
