package io.consortia.node.contracts.wasm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.CertificateRole;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.FunctionRule;
import io.consortia.wasm.ContractHost;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class WasmHostTest {
    /** A contract's namespace over a sorted map, as the node's transaction state presents it. */
    private static final class MapState implements RawState {
        final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);

        @Override
        public Optional<byte[]> get(byte[] key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public void put(byte[] key, byte[] value) {
            entries.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
            entries.remove(key);
        }

        @Override
        public void forEach(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
            for (var e : entries.tailMap(prefix, true).entrySet()) {
                if (e.getKey().length < prefix.length
                        || !Arrays.equals(e.getKey(), 0, prefix.length, prefix, 0, prefix.length)
                        || !visitor.test(e.getKey(), e.getValue())) {
                    return;
                }
            }
        }
    }

    private final MapState state = new MapState();
    private final WasmHost host = new WasmHost(new NoContext(), state, "cert", (c, f, a) -> new byte[0]);

    @Test
    void range_returns_keys_from_start_to_end_exclusive_in_order_up_to_the_limit() {
        for (String key : List.of("rec:a", "rec:b", "rec:c", "rec;", "re", "rec", "zzz")) {
            state.put(key.getBytes(UTF_8), key.getBytes(UTF_8));
        }
        assertThat(keys(host.range(b("rec:"), b("rec;"), 10))).containsExactly("rec:a", "rec:b", "rec:c");
        assertThat(keys(host.range(b("rec:"), b("rec;"), 2))).containsExactly("rec:a", "rec:b");
        assertThat(keys(host.range(b("rec:b"), b("rec:c"), 10))).containsExactly("rec:b");
        assertThat(keys(host.range(b("rec"), new byte[0], 10))).as("an empty end: no upper bound")
                .containsExactly("rec", "rec:a", "rec:b", "rec:c", "rec;", "zzz");
        assertThat(host.range(b("a"), b("z"), 0)).isEmpty();
    }

    /** Sink of a test: what ContractLog wrote, at which level; {@code enabled} says whether any level is on. */
    private static final class ListSink implements ContractLog.Sink {
        final List<String> lines = new java.util.ArrayList<>();
        final boolean enabled;

        ListSink(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public boolean enabled(ContractHost.LogLevel level) {
            return enabled;
        }

        @Override
        public void write(ContractHost.LogLevel level, String line) {
            lines.add(level + " " + line);
        }
    }

    @Test
    void contract_log_lines_are_not_built_when_logging_is_off() {
        ListSink sink = new ListSink(false);
        WasmHost quiet = new WasmHost(new NoContext(), state, () -> "cert", (c, f, a) -> new byte[0], "flood",
                new ContractLog(sink, () -> 0L));
        int[] built = {0};
        String message = "\u0000".repeat(4096);
        for (int i = 0; i < 2000; i++) {
            quiet.log(ContractHost.LogLevel.ERROR, () -> {
                built[0]++;
                return message;
            });
        }
        assertThat(built[0]).as("lines built (escaped) although none is written").isZero();
        assertThat(sink.lines).isEmpty();
    }

    @Test
    void contract_log_lines_keep_their_level_and_a_flood_is_suppressed_with_a_count() {
        ListSink sink = new ListSink(true);
        long[] now = {0};
        WasmHost logger = new WasmHost(new NoContext(), state, () -> "cert", (c, f, a) -> new byte[0], "logger",
                new ContractLog(sink, () -> now[0]));
        logger.log(ContractHost.LogLevel.ERROR, "LOGFLOOD-");
        assertThat(sink.lines).containsExactly("ERROR contract logger on channel c (tx t): LOGFLOOD-");

        int[] built = {0};
        for (int i = 0; i < 1000; i++) {
            logger.log(ContractHost.LogLevel.INFO, () -> "line " + ++built[0]);
        }
        assertThat(sink.lines).hasSize(ContractLog.BURST);
        assertThat(built[0]).as("suppressed lines are not built").isEqualTo(ContractLog.BURST - 1);

        now[0] += 1_000_000_000L; // a second later: room for PER_SECOND lines, the first says what was lost
        logger.log(ContractHost.LogLevel.WARN, "after");
        assertThat(sink.lines.subList(ContractLog.BURST, sink.lines.size())).containsExactly(
                "WARN " + (1000 - (ContractLog.BURST - 1)) + " contract log lines of logger on channel c suppressed"
                        + " (more than " + ContractLog.PER_SECOND + " a second)",
                "WARN contract logger on channel c (tx t): after");
    }

    @Test
    void caller_rules_need_a_listed_organisation_and_role_when_given() {
        ContractDefinition definition = ContractDefinition.newBuilder().setName("c")
                .addFunctions(FunctionRule.newBuilder().setFunction("admin_only").addRoles("admin"))
                .addFunctions(FunctionRule.newBuilder().setFunction("org2_admins").addOrganizations("Org2").addRoles("admin"))
                .build();
        Optional<CertificateRole> admin = Optional.of(CertificateRole.ADMIN);
        Optional<CertificateRole> user = Optional.of(CertificateRole.USER);
        assertThat(CallerRules.refusal(definition, "open", "Org1", user)).isEmpty();
        assertThat(CallerRules.refusal(definition, "admin_only", "Org1", admin)).isEmpty();
        assertThat(CallerRules.refusal(definition, "admin_only", "Org1", user)).isPresent();
        assertThat(CallerRules.refusal(definition, "admin_only", "Org1", Optional.empty())).isPresent();
        assertThat(CallerRules.refusal(definition, "org2_admins", "Org2", admin)).isEmpty();
        assertThat(CallerRules.refusal(definition, "org2_admins", "Org1", admin)).isPresent();
        assertThat(CallerRules.refusal(definition, "org2_admins", "Org2", user)).isPresent();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static List<String> keys(List<ContractHost.StateEntry> entries) {
        return entries.stream().map(e -> new String(e.key(), UTF_8)).toList();
    }

    /** The host's range needs no transaction facts. */
    private static final class NoContext implements io.consortia.node.contracts.ContractContext {
        public String channel() { return "c"; }
        public String transactionId() { return "t"; }
        public String creatorOrganization() { return "Org1"; }
        public String creatorName() { return "u"; }
        public boolean isChannelMember(String organization) { return true; }
        public long timestampMillis() { return 1; }
        public long blockNumber() { return 1; }
        public Optional<byte[]> get(String key) { return Optional.empty(); }
        public void put(String key, byte[] value) { }
        public void delete(String key) { }
        public void forEach(String prefix, BiPredicate<String, byte[]> visitor) { }
        public void emit(String event, byte[] payload) { }
    }
}
