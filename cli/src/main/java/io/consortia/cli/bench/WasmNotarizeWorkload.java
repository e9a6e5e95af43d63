package io.consortia.cli.bench;

import static org.awaitility.Awaitility.await;

import io.consortia.protocol.v1.Transaction;
import io.consortia.sdk.Channel;
import io.consortia.sdk.Lifecycle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The notarization workload on a WebAssembly contract: {@code record(unique 64-hex hash, "bench")} of the
 * AssemblyScript contract examples/contracts/assembly/notarize.ts (the built-in notarization's semantics: the
 * record, an index key per organisation, an event, duplicates refused). Before the warm-up the contract is deployed
 * the way members deploy theirs, through {@code _lifecycle}: install, propose, every organisation's ADMIN approves,
 * commit, and then the benchmark waits until every node serves it. The contract's name is new for every run, so
 * that runs against one network ({@code --target}) do not meet each other's definitions.
 *
 * <p>The module is the cli's resource {@code notarize.wasm}: a copy of what the wasm module's build makes from the
 * source with npm (a test there keeps the two equal), so that building the cli needs no npm.
 */
final class WasmNotarizeWorkload implements Workload {
    static final String MODULE = "notarize.wasm";
    private static final Duration DEPLOYED_EVERYWHERE = Duration.ofSeconds(120);

    private final long run;
    private final String contract;

    WasmNotarizeWorkload(long run) {
        this.run = run;
        this.contract = "bench-notarize-" + Long.toHexString(run);
    }

    @Override
    public String name() {
        return "wasm-notarize";
    }

    @Override
    public String description() {
        return contract + ".record(unique 64-hex hash, \"bench\") — WebAssembly (AssemblyScript notarize.ts),"
                + " one new document per transaction";
    }

    @Override
    public boolean deploysContracts() {
        return true;
    }

    @Override
    public void deploy(Map<String, Channel> adminByOrganization, Map<String, Channel> userByOrganization) {
        Map.Entry<String, Channel> proposer = adminByOrganization.entrySet().iterator().next();
        Lifecycle lifecycle = Lifecycle.of(proposer.getValue());
        String code = lifecycle.install(module());
        String digest = lifecycle.propose(Lifecycle.definition(contract, "1.0", 1, code).build());
        // every organisation approves: whatever the network's size, MAJORITY is met
        adminByOrganization.values().forEach(admin -> Lifecycle.of(admin).approve(contract, 1, digest));
        lifecycle.commit(contract, 1, digest);
        // a client's node may apply the commit's block later than the proposer's node: calls sent before
        // would be refused as CONTRACT_NOT_COMMITTED
        for (Channel user : userByOrganization.values()) {
            await().atMost(DEPLOYED_EVERYWHERE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> Lifecycle.of(user).definition(contract).getDefinition().getSequence() == 1);
        }
    }

    @Override
    public Client client(int index, Channel channel, String organization, List<String> organizations) {
        return new PresignedClient() {
            private long seq;

            @Override
            Transaction sign() {
                String hash = DocumentHash.of(run, index, seq++, 0x3a5dL);
                return channel.newTransaction(contract, "record", hash, "bench");
            }
        };
    }

    static byte[] module() {
        try (InputStream in = WasmNotarizeWorkload.class.getResourceAsStream(MODULE)) {
            if (in == null) {
                throw new IllegalStateException("the cli has no " + MODULE + " resource");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
