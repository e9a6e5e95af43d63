package io.consortia.wasm;

import static io.consortia.wasm.Modules.args;
import static io.consortia.wasm.Modules.contract;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AssemblyScript examples of examples/contracts, built by this module's build, against an in-memory host. */
class ExampleContractsTest {
    private static WasmEngine engine;

    @BeforeAll
    static void start() {
        engine = new WasmEngine(WasmConfig.defaults());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void bothExamplesPassValidation() {
        assertThat(engine.validate(contract("records"))).isEmpty();
        assertThat(engine.validate(contract("escrow"))).isEmpty();
    }

    @Test
    void recordsPutGetListAndDelete() {
        InMemoryContractHost host = new InMemoryContractHost().as("Org1");
        CallResult put = engine.call(contract("records"), "put", args("r1", "hello"), host);
        assertThat(put.outcome()).as(put.reason()).isEqualTo(Outcome.OK);
        assertThat(host.snapshot()).containsEntry("rec:r1", "hello").containsEntry("by:r1", "Org1");
        assertThat(host.events).extracting(CallResult.Event::name).containsExactly("RecordPut");
        assertThat(new String(host.events.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("r1@tx-1");

        engine.call(contract("records"), "put", args("r2", "world"), host);
        CallResult get = engine.call(contract("records"), "get", args("r1"), host);
        assertThat(get.outcome()).isEqualTo(Outcome.OK);
        assertThat(text(get.returnValue())).isEqualTo("hello");
        assertThat(text(engine.call(contract("records"), "list", args(), host).returnValue())).isEqualTo("r1\nr2");

        CallResult missing = engine.call(contract("records"), "get", args("nope"), host);
        assertThat(missing.outcome()).as("notFound(...), not reject(...)").isEqualTo(Outcome.NOT_FOUND);
        assertThat(missing.reason()).isEqualTo("no record nope");
        assertThat(engine.call(contract("records"), "del", args("nope"), host).outcome()).isEqualTo(Outcome.NOT_FOUND);

        CallResult notOwner = engine.call(contract("records"), "del", args("r1"), host.as("Org2"));
        assertThat(notOwner.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(notOwner.reason()).isEqualTo("record r1 belongs to Org1");
        assertThat(host.snapshot()).containsKey("rec:r1");

        assertThat(engine.call(contract("records"), "del", args("r1"), host.as("Org1")).outcome()).isEqualTo(Outcome.OK);
        assertThat(host.snapshot()).doesNotContainKeys("rec:r1", "by:r1").containsKey("rec:r2");
        assertThat(text(engine.call(contract("records"), "list", args(), host).returnValue())).isEqualTo("r2");
    }

    @Test
    void notarizeRecordsOnceLikeTheBuiltInNotarization() {
        assertThat(engine.validate(contract("notarize"))).isEmpty();
        InMemoryContractHost host = new InMemoryContractHost().as("Org1");
        String hash = "AB".repeat(32);
        CallResult recorded = engine.call(contract("notarize"), "record", args(hash, "say \"hi\"\n"), host);
        assertThat(recorded.outcome()).as(recorded.reason()).isEqualTo(Outcome.OK);
        String json = "{\"documentHash\":\"" + "ab".repeat(32) + "\",\"metadata\":\"say \\\"hi\\\"\\n\","
                + "\"submitterOrganization\":\"Org1\",\"transactionId\":\"tx-1\",\"timestampMillis\":1700000000000}";
        assertThat(text(recorded.returnValue())).isEqualTo(json);
        assertThat(host.snapshot()).containsEntry("doc/" + "ab".repeat(32), json)
                .containsEntry("by-org/4:Org1/" + "ab".repeat(32), "");
        assertThat(host.events).extracting(CallResult.Event::name).containsExactly("notarized");
        assertThat(text(engine.call(contract("notarize"), "get", args(hash), host).returnValue())).isEqualTo(json);

        Map<String, String> before = host.snapshot();
        CallResult again = engine.call(contract("notarize"), "record", args("ab".repeat(32), "other"), host.as("Org2"));
        assertThat(again.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(again.reason()).isEqualTo("document " + "ab".repeat(32) + " is already notarized");
        CallResult badHash = engine.call(contract("notarize"), "record", args("xyz"), host);
        assertThat(badHash.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(badHash.reason()).startsWith("documentHash must be 64 hexadecimal characters");
        CallResult tooLong = engine.call(contract("notarize"), "record", args("cd".repeat(32), "x".repeat(4097)), host);
        assertThat(tooLong.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(engine.call(contract("notarize"), "get", args("cd".repeat(32)), host).outcome())
                .isEqualTo(Outcome.REJECTED);
        assertThat(host.snapshot()).as("refused calls write nothing").isEqualTo(before);
    }

    /**
     * The benchmark ships notarize.wasm in the cli's resources (so that building the cli needs no npm); it must be
     * what this build made from assembly/notarize.ts.
     */
    @Test
    void theBenchmarksCopyOfNotarizeIsTheBuiltOne() throws Exception {
        java.nio.file.Path copy = java.nio.file.Path.of("..", "cli", "src", "main", "resources", "io", "consortia", "cli",
                "bench", "notarize.wasm");
        assertThat(java.nio.file.Files.readAllBytes(copy))
                .as("%s is stale: cp examples/contracts/build/notarize.wasm %s", copy, copy)
                .isEqualTo(contract("notarize"));
    }

    @Test
    void recordsRefusesWrongArguments() {
        CallResult r = engine.call(contract("records"), "put", args("only-one"), new InMemoryContractHost());
        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(r.reason()).isEqualTo("expected 2 arguments, got 1");
    }

    @Test
    void escrowFollowsItsAccessRules() {
        InMemoryContractHost host = new InMemoryContractHost();
        CallResult open = engine.call(contract("escrow"), "open", args("e1", "Seller", "Arbiter", "1000"), host.as("Buyer"));
        assertThat(open.outcome()).as(open.reason()).isEqualTo(Outcome.OK);
        assertThat(host.snapshot()).containsEntry("escrow:e1", "Buyer|Seller|Arbiter|1000|OPEN");
        Map<String, String> opened = host.snapshot();

        CallResult outsider = engine.call(contract("escrow"), "release", args("e1"), host.as("Mallory"));
        assertThat(outsider.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(outsider.reason()).isEqualTo("Mallory is not a party to escrow e1");
        CallResult peek = engine.call(contract("escrow"), "status", args("e1"), host.as("Mallory"));
        assertThat(peek.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(peek.returnValue()).isEmpty();
        CallResult sellerReleases = engine.call(contract("escrow"), "release", args("e1"), host.as("Seller"));
        assertThat(sellerReleases.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(sellerReleases.reason()).isEqualTo("Seller may not release escrow e1");
        assertThat(host.snapshot()).isEqualTo(opened);

        CallResult release = engine.call(contract("escrow"), "release", args("e1"), host.as("Arbiter"));
        assertThat(release.outcome()).isEqualTo(Outcome.OK);
        assertThat(host.snapshot()).containsEntry("escrow:e1", "Buyer|Seller|Arbiter|1000|RELEASED");
        assertThat(text(engine.call(contract("escrow"), "status", args("e1"), host.as("Seller")).returnValue()))
                .isEqualTo("Buyer|Seller|Arbiter|1000|RELEASED");
        CallResult twice = engine.call(contract("escrow"), "refund", args("e1"), host.as("Seller"));
        assertThat(twice.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(twice.reason()).isEqualTo("escrow e1 is RELEASED");
        assertThat(host.events).extracting(CallResult.Event::name).containsExactly("EscrowOpened", "EscrowRELEASED");
    }

    @Test
    void escrowValidatesItsInput() {
        InMemoryContractHost host = new InMemoryContractHost().as("Buyer");
        assertThat(engine.call(contract("escrow"), "open", args("e1", "Seller", "Arbiter", "12x"), host).reason())
                .isEqualTo("amount must be a positive whole number");
        assertThat(engine.call(contract("escrow"), "open", args("e1", "Buyer", "Arbiter", "5"), host).reason())
                .isEqualTo("buyer, seller and arbiter must differ");
        assertThat(host.state).isEmpty();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
