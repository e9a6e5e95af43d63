package io.consortia.node.contracts.wasm;

import io.consortia.node.contracts.ContractContext;
import io.consortia.wasm.ContractHost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The node's side of a WebAssembly call: state is the transaction's layer over the block's
 * overlay (so a call sees earlier transactions of its block, exactly as every other node does), in
 * the contract's namespace; events go into the transaction's block entry. The engine buffers the
 * call's writes and hands them here only when the call ends OK.
 */
public final class WasmHost implements ContractHost {

    private final ContractContext context;
    private final RawState state;
    private final Supplier<String> certificateId;
    private String certificateIdValue;
    private final BuiltinCalls builtins;
    private final String contract;
    private final ContractLog contractLog;

    /** Runs a built-in contract for the calling WebAssembly contract; refusals throw {@link ContractRejectedException}. */
    @FunctionalInterface
    public interface BuiltinCalls {
        byte[] call(String contract, String function, List<byte[]> args);
    }

    public WasmHost(ContractContext context, RawState state, String certificateId, BuiltinCalls builtins) {
        this(context, state, () -> certificateId, builtins, "contract");
        Objects.requireNonNull(certificateId, "certificateId");
    }

    /**
     * @param certificateId computed when the contract first asks for it (hashing a certificate per call is waste)
     * @param contract the contract's name, for its log lines
     */
    public WasmHost(ContractContext context, RawState state, Supplier<String> certificateId, BuiltinCalls builtins,
            String contract) {
        this(context, state, certificateId, builtins, contract, ContractLog.NODE);
    }

    WasmHost(ContractContext context, RawState state, Supplier<String> certificateId, BuiltinCalls builtins,
            String contract, ContractLog contractLog) {
        this.context = Objects.requireNonNull(context, "context");
        this.state = Objects.requireNonNull(state, "state");
        this.certificateId = Objects.requireNonNull(certificateId, "certificateId");
        this.builtins = Objects.requireNonNull(builtins, "builtins");
        this.contract = Objects.requireNonNull(contract, "contract");
        this.contractLog = Objects.requireNonNull(contractLog, "contractLog");
    }

    @Override
    public byte[] get(byte[] key) {
        return state.get(key).orElse(null);
    }

    @Override
    public List<StateEntry> range(byte[] startInclusive, byte[] endExclusive, int limit) {
        List<StateEntry> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        // visit from the longest prefix both bounds share: every key in [start, end) has it
        byte[] prefix = Arrays.copyOf(startInclusive, commonPrefix(startInclusive, endExclusive));
        state.forEach(prefix, (key, value) -> {
            if (Arrays.compareUnsigned(key, startInclusive) < 0) {
                return true;
            }
            if (endExclusive.length > 0 && Arrays.compareUnsigned(key, endExclusive) >= 0) {
                return false;
            }
            out.add(new StateEntry(key, value));
            return out.size() < limit;
        });
        return out;
    }

    private static int commonPrefix(byte[] a, byte[] b) {
        if (b.length == 0) {
            return 0; // an empty end is read as "no upper bound"
        }
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        state.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        state.delete(key);
    }

    @Override
    public String callerOrganisation() {
        return context.creatorOrganization();
    }

    @Override
    public String callerCertificateId() {
        if (certificateIdValue == null) {
            certificateIdValue = Objects.requireNonNull(certificateId.get(), "certificateId");
        }
        return certificateIdValue;
    }

    @Override
    public String transactionId() {
        return context.transactionId();
    }

    @Override
    public long timestampMillis() {
        return context.timestampMillis();
    }

    @Override
    public void emitEvent(String name, byte[] payload) {
        context.emit(name, payload);
    }

    @Override
    public void log(LogLevel level, String message) {
        log(level, () -> message);
    }

    /** At the contract's level, rate-limited per channel and contract (ContractLog); built only if written. */
    @Override
    public void log(LogLevel level, Supplier<String> message) {
        contractLog.log(context.channel(), contract, context.transactionId(), level, message);
    }

    @Override
    public byte[] callBuiltin(String contract, String function, List<byte[]> args) {
        return builtins.call(contract, function, args);
    }
}
