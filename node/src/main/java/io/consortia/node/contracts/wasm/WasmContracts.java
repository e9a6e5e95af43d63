package io.consortia.node.contracts.wasm;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Hashes;
import io.consortia.node.contracts.lifecycle.LifecycleContract;
import io.consortia.node.contracts.lifecycle.LifecycleKeys;
import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.wasm.CallLimits;
import io.consortia.wasm.CallResult;
import io.consortia.wasm.ContractHost;
import io.consortia.wasm.WasmConfig;
import io.consortia.wasm.WasmEngine;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The node's WebAssembly contracts: resolves a call by name to the committed definition and its
 * module (read from the lifecycle's state, so it is the same on every node) and runs it on the
 * engine, which validates, instruments and compiles a module once and caches it by code hash.
 * One per node; thread-safe.
 */
public final class WasmContracts {
    private static volatile WasmContracts shared;

    private final WasmEngine engine;
    private final CallLimits limits;

    public WasmContracts(WasmConfig config) {
        this.engine = new WasmEngine(Objects.requireNonNull(config, "config"));
        this.limits = new CallLimits(config.fuelPerCall(), config.memoryPagesPerCall());
    }

    /**
     * The node's engine with the default limits (WasmConfig.defaults()). Every node of a channel must
     * run calls with the same limits, or they would reach different verdicts; until channels carry
     * their own limits, the defaults are what all nodes share.
     */
    public static WasmContracts shared() {
        WasmContracts s = shared;
        if (s == null) {
            synchronized (WasmContracts.class) {
                s = shared;
                if (s == null) {
                    s = new WasmContracts(WasmConfig.defaults());
                    shared = s;
                }
            }
        }
        return s;
    }

    public CallLimits limits() {
        return limits;
    }

    /** The engine's verdict on a module: empty when accepted (and now prepared and cached), else why not. */
    public Optional<String> validate(byte[] code) {
        return engine.validate(code);
    }

    public CallResult call(byte[] code, String function, List<ByteString> args, ContractHost host) {
        return engine.call(code, function, args.stream().map(ByteString::toByteArray).toList(), host, limits);
    }

    /** A resolved call target, or a refusal with its code. */
    public record Target(LifecycleRecord record, byte[] code, ValidationCode refusal, String reason) {
        public boolean refused() {
            return refusal != null;
        }

        static Target refuse(ValidationCode code, String reason) {
            return new Target(null, null, code, reason);
        }
    }

    /**
     * The committed definition of {@code name} and, when {@code withCode}, its module, read through
     * {@code lifecycleState} (keys of the lifecycle contract's namespace).
     */
    public static Target resolve(Function<String, Optional<byte[]>> lifecycleState, String name, boolean withCode) {
        Optional<byte[]> stored = lifecycleState.apply(LifecycleKeys.definition(name));
        if (stored.isEmpty()) {
            if (hasProposal(lifecycleState, name)) {
                return Target.refuse(ValidationCode.CONTRACT_NOT_COMMITTED, "contract '" + name + "' has no committed"
                        + " definition yet: its proposal needs approvals and a commit (" + LifecycleContract.NAME + ")");
            }
            return Target.refuse(ValidationCode.UNKNOWN_CONTRACT, "no contract named '" + name + "'");
        }
        LifecycleRecord record = LifecycleContract.parseRecord(stored.get());
        ContractStatus status = record.getDefinition().getStatus();
        if (status == ContractStatus.FROZEN) {
            return Target.refuse(ValidationCode.CONTRACT_FROZEN, "contract '" + name + "' is frozen (sequence "
                    + record.getDefinition().getSequence() + "); calls are refused until a definition unfreezes it");
        }
        if (status == ContractStatus.REVOKED) {
            return Target.refuse(ValidationCode.CONTRACT_REVOKED, "contract '" + name + "' is revoked (sequence "
                    + record.getDefinition().getSequence() + ")");
        }
        if (!withCode) {
            return new Target(record, null, null, null);
        }
        String codeHash = Hashes.hex(record.getDefinition().getCodeHash().toByteArray());
        byte[] code = lifecycleState.apply(LifecycleKeys.code(codeHash))
                .orElseThrow(() -> new IllegalStateException("module " + codeHash + " of committed contract " + name
                        + " is missing from the lifecycle state"));
        return new Target(record, code, null, null);
    }

    private static boolean hasProposal(Function<String, Optional<byte[]>> lifecycleState, String name) {
        return lifecycleState.apply(LifecycleKeys.proposed(name)).isPresent();
    }

    /** The validation code of an engine outcome other than OK. */
    public static ValidationCode code(CallResult.Outcome outcome) {
        return switch (outcome) {
            case OK -> ValidationCode.VALID;
            case REJECTED -> ValidationCode.CONTRACT_REJECTED;
            case UNKNOWN_FUNCTION -> ValidationCode.UNKNOWN_FUNCTION;
            case OUT_OF_FUEL -> ValidationCode.OUT_OF_FUEL;
            case OUT_OF_MEMORY -> ValidationCode.OUT_OF_MEMORY;
            case TRAP -> ValidationCode.CONTRACT_TRAPPED;
            case HOST_MISUSE -> ValidationCode.HOST_MISUSE;
            case INVALID_MODULE -> ValidationCode.INVALID_MODULE;
        };
    }
}
