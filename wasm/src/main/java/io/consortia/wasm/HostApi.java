package io.consortia.wasm;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The functions of the host module {@value #MODULE}: the only imports a contract may declare
 * (docs/wasm-contracts.md explains each). Signatures are written with {@code i} for i32 and {@code l} for i64.
 */
enum HostApi {
    ARG_COUNT("arg_count", "", "i"),
    ARG("arg", "iii", "i"),
    RETURN_VALUE("return_value", "ii", ""),
    STATE_GET("state_get", "iiii", "i"),
    STATE_PUT("state_put", "iiii", ""),
    STATE_DELETE("state_delete", "ii", ""),
    STATE_RANGE("state_range", "iiiiiii", "i"),
    CALLER_ORG("caller_org", "ii", "i"),
    CALLER_CERT("caller_cert", "ii", "i"),
    TX_ID("tx_id", "ii", "i"),
    TX_TIMESTAMP("tx_timestamp", "", "l"),
    EMIT_EVENT("emit_event", "iiii", ""),
    LOG("log", "iii", ""),
    CALL_BUILTIN("call_builtin", "iiiiiiii", "i"),
    BUILTIN_RESULT("builtin_result", "ii", "i"),
    ABORT("abort", "ii", ""),
    NOT_FOUND("not_found", "ii", "");

    static final String MODULE = "consortia";

    private static final Map<String, HostApi> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(h -> h.importName, Function.identity()));

    final String importName;
    final String params;
    final String results;

    HostApi(String importName, String params, String results) {
        this.importName = importName;
        this.params = params;
        this.results = results;
    }

    static HostApi byName(String name) {
        return BY_NAME.get(name);
    }

    String signature() {
        return "(" + params + ")->(" + results + ")";
    }
}
