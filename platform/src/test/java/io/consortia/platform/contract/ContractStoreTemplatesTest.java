package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.wasm.CallResult;
import io.consortia.wasm.ContractHost;
import io.consortia.wasm.ContractRejectedException;
import io.consortia.wasm.WasmConfig;
import io.consortia.wasm.WasmEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every store template's module passes the nodes' validation, and a built-in's template forwards
 * each function of its manifest to the built-in with the caller's arguments unchanged and returns
 * the built-in's result, through the real engine (the network test installs one end to end).
 */
class ContractStoreTemplatesTest {
    private static WasmEngine engine;

    @BeforeAll
    static void engine() {
        engine = new WasmEngine(WasmConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static List<ContractStore.Template> templates() {
        return new ContractStore(null, null).templates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void every_template_ships_a_module_the_nodes_accept(ContractStore.Template template) {
        assertThat(template.installable()).isTrue();
        byte[] module = ContractStore.module(template);
        assertThat(engine.validate(module)).as(template.id()).isEmpty();
        template.manifest().checkConsistent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void a_built_in_template_forwards_every_function_with_its_arguments(ContractStore.Template template) {
        if (template.builtIn() == null) {
            return;
        }
        assertThat(template.manifest().name()).isEqualTo(template.builtIn() + "-app");
        byte[] module = ContractStore.module(template);
        for (ContractManifest.Function function : template.manifest().functions()) {
            List<byte[]> args = new ArrayList<>();
            for (ContractManifest.Argument argument : function.args()) {
                args.add((function.name() + "/" + argument.name() + "/é").getBytes(StandardCharsets.UTF_8));
            }
            Host host = new Host("{\"ok\":\"" + function.name() + "\"}");
            CallResult result = engine.call(module, function.name(), args, host);
            assertThat(result.outcome()).as(function.name() + ": " + result.reason()).isEqualTo(CallResult.Outcome.OK);
            assertThat(host.calls).containsExactly(template.builtIn() + "." + function.name() + args.stream()
                    .map(a -> new String(a, StandardCharsets.UTF_8)).toList());
            assertThat(new String(result.returnValue(), StandardCharsets.UTF_8)).isEqualTo(host.answer);
        }
    }

    @Test
    void large_arguments_and_results_cross_the_forwarder_whole() {
        ContractStore.Template notarization = new ContractStore(null, null).template("notarization");
        byte[] big = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        Host host = new Host("y".repeat(150_000));
        CallResult result = engine.call(ContractStore.module(notarization), "record",
                List.of("h".getBytes(StandardCharsets.UTF_8), big), host);
        assertThat(result.outcome()).as(result.reason()).isEqualTo(CallResult.Outcome.OK);
        assertThat(host.received.get(1)).isEqualTo(big);
        assertThat(result.returnValue()).hasSize(150_000);
    }

    @Test
    void a_refusal_of_the_built_in_refuses_the_call() {
        ContractStore.Template nft = new ContractStore(null, null).template("nft");
        Host host = new Host(null);
        CallResult result = engine.call(ContractStore.module(nft), "transfer",
                List.of("c".getBytes(), "t".getBytes(), "org2/bob".getBytes()), host);
        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.REJECTED);
        assertThat(result.reason()).contains("not the owner");
    }

    /** A host whose built-in records each call and answers {@code answer}, or refuses when it is null. */
    private static final class Host implements ContractHost {
        final String answer;
        final List<String> calls = new ArrayList<>();
        List<byte[]> received = List.of();

        Host(String answer) {
            this.answer = answer;
        }

        @Override
        public byte[] callBuiltin(String contract, String function, List<byte[]> args) {
            received = args;
            List<String> texts = args.stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList();
            calls.add(contract + "." + function + texts);
            if (answer == null) {
                throw new ContractRejectedException("not the owner");
            }
            return answer.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] get(byte[] key) {
            return null;
        }

        @Override
        public List<StateEntry> range(byte[] startInclusive, byte[] endExclusive, int limit) {
            return List.of();
        }

        @Override
        public void put(byte[] key, byte[] value) {
            throw new AssertionError("a forwarder writes nothing of its own");
        }

        @Override
        public void delete(byte[] key) {
            throw new AssertionError("a forwarder deletes nothing of its own");
        }

        @Override
        public String callerOrganisation() {
            return "org1";
        }

        @Override
        public String callerCertificateId() {
            return "cert";
        }

        @Override
        public String transactionId() {
            return "tx";
        }

        @Override
        public long timestampMillis() {
            return 1;
        }

        @Override
        public void emitEvent(String name, byte[] payload) {
        }

        @Override
        public void log(LogLevel level, String message) {
        }
    }
}
