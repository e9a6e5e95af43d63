package io.consortia.testkit.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.IssuedCredential;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Lifecycle;
import io.consortia.sdk.SubmitException;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real three-organisation network (one node process per organisation) for the WebAssembly ITs,
 * with a gateway per organisation acting as its ADMIN identity (for lifecycle steps) and as its user.
 */
final class WasmNetwork implements AutoCloseable {
    static final String CHANNEL = "main";
    static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");
    private static final AtomicLong CLIENTS = new AtomicLong();

    final MiniNetwork network;
    private final List<Gateway> gateways = new CopyOnWriteArrayList<>();
    private final Map<String, Lifecycle> admins = new TreeMap<>();

    WasmNetwork() {
        network = MiniNetwork.builder().organizations(3).channel(CHANNEL).processes(true).start();
        for (int i = 0; i < network.nodes().size(); i++) {
            MiniNode node = network.nodes().get(i);
            admins.put(node.organization(), Lifecycle.of(adminGateway(node).channel(CHANNEL)));
        }
    }

    /** The lifecycle through an ADMIN identity of {@code organization}, connected to that organisation's node. */
    Lifecycle admin(String organization) {
        return admins.get(organization);
    }

    /** The user of the organisation of node {@code index}, connected to that node. */
    Channel user(int index) {
        return network.gateway(index).channel(CHANNEL);
    }

    List<String> organizations() {
        return network.organizations();
    }

    /**
     * Install, propose, approve by {@code approvers}, commit, and wait until every node has the commit:
     * returns the digest of the committed definition.
     */
    String deploy(String name, byte[] module, String... approvers) {
        Lifecycle proposer = admin(approvers[0]);
        String code = proposer.install(module);
        String digest = proposer.propose(Lifecycle.definition(name, "1.0", 1, code).build());
        for (String organization : approvers) {
            admin(organization).approve(name, 1, digest);
        }
        proposer.commit(name, 1, digest);
        // nodes admit calls to a user contract only once they have applied its commit: callers go through any node
        awaitEveryNode();
        return digest;
    }

    /** Proposes {@code definition} through org1 and has it approved by org1 and org2 (MAJORITY of 3), uncommitted. */
    String proposeAndApprove(ContractDefinition definition) {
        String digest = admin("org1").propose(definition);
        admin("org1").approve(definition.getName(), definition.getSequence(), digest);
        admin("org2").approve(definition.getName(), definition.getSequence(), digest);
        return digest;
    }

    /** The code a refused step ends with, whether refused at admission or committed as invalid. */
    static ValidationCode refusal(Runnable step) {
        try {
            step.run();
        } catch (SubmitException e) {
            return e.code();
        } catch (CommitException e) {
            return e.code();
        }
        throw new AssertionError("the step was not refused");
    }

    static long counter(byte[] result) {
        assertThat(result).hasSize(8);
        return ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static byte[] module(String name) {
        try (InputStream in = WasmNetwork.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new AssertionError("test module /wasm/" + name + ".wasm is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until every node has applied the blocks the first node has now. */
    void awaitEveryNode() {
        // the highest node's height: the node that answered a step may be ahead of the one a call goes to
        long height = 0;
        for (int i = 0; i < network.nodes().size(); i++) {
            height = Math.max(height, user(i).chainInfo().getHeight());
        }
        network.awaitHeight(height, WAIT);
    }

    /**
     * Waits until every node has the first node's height, then checks that every block has the same hash
     * and state hash on every node.
     */
    void assertIdenticalChains() {
        long height = user(0).chainInfo().getHeight();
        network.awaitHeight(height, WAIT);
        for (long n = 0; n < height; n++) {
            List<String> hashes = new ArrayList<>();
            List<String> stateHashes = new ArrayList<>();
            for (int i = 0; i < network.nodes().size(); i++) {
                var block = user(i).blockByNumber(n);
                hashes.add(Hashes.hex(block.getHash().toByteArray()));
                stateHashes.add(Hashes.hex(block.getHeader().getStateHash().toByteArray()));
            }
            assertThat(hashes).as("hashes of block %d on every node", n).containsOnly(hashes.get(0));
            assertThat(stateHashes).as("state hashes of block %d on every node", n).containsOnly(stateHashes.get(0));
        }
    }

    /** Waits until every node answers {@code function} of {@code contract} with the same bytes as the first. */
    void awaitSameAnswer(String contract, String function) {
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < network.nodes().size(); i++) {
                answers.add(Hashes.hex(user(i).contract(contract).evaluate(function)));
            }
            assertThat(answers).containsOnly(answers.get(0));
        });
    }

    private Gateway adminGateway(MiniNode node) {
        IssuedCredential tls = network.caFor(node.organization()).issueTls(CertificateRole.USER,
                "wasm-client-" + CLIENTS.incrementAndGet(), LOOPBACK, Duration.ofDays(1));
        Gateway gateway = Gateway.newInstance().endpoint("127.0.0.1", node.apiPort())
                .identity(network.adminIdentity(node.organization()))
                .tls(network.tlsRoots(), tls.certificate(), tls.privateKey()).connect();
        gateways.add(gateway);
        return gateway;
    }

    @Override
    public void close() {
        gateways.forEach(Gateway::close);
        network.close();
    }
}
