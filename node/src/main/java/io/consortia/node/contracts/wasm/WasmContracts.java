package io.consortia.node.contracts.wasm;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Hashes;
import io.consortia.node.contracts.lifecycle.LifecycleContract;
import io.consortia.node.contracts.lifecycle.LifecycleKeys;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.wasm.CallLimits;
import io.consortia.wasm.CallResult;
import io.consortia.wasm.ContractHost;
import io.consortia.wasm.WasmConfig;
import io.consortia.wasm.WasmEngine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The node's WebAssembly contracts: resolves a call by name to the committed definition and its
 * module (read from the lifecycle's state, so it is the same on every node) and runs it on the
 * engine with the node's limits, lowered by the definition's own.
 *
 * <p>Modules are kept per committed definition (channel, contract, sequence and code hash): the
 * first call after a commit reads the module from the state and has the engine prepare it (validate,
 * instrument, compile; the engine caches preparations by code hash, so a freeze/unfreeze or a second
 * channel with the same module compiles nothing), and every later call of that definition only takes
 * a pooled instance. A definition with another sequence (upgrade, freeze, unfreeze) replaces the entry;
 * a frozen or revoked contract's entry is dropped.
 * One per node; thread-safe.
 */
public final class WasmContracts implements AutoCloseable {
    private static volatile WasmContracts shared;

    private final WasmEngine engine;
    private final CallLimits limits;
    /** channel + '\0' + contract name: the module of the definition last resolved. */
    private final Map<String, Cached> modules = new ConcurrentHashMap<>();
    private final AtomicLong modulesLoaded = new AtomicLong();

    public WasmContracts(WasmConfig config) {
        this.engine = new WasmEngine(Objects.requireNonNull(config, "config"));
        this.limits = new CallLimits(config.fuelPerCall(), config.memoryPagesPerCall());
    }

    /**
     * An engine with the default limits (WasmConfig.defaults()), for executors built without a node's
     * configuration (tests, tools). A node builds its own from node.yaml ({@code wasm}).
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

    /** The node's limits per call; a definition may lower them (ContractDefinition.fuel_limit, memory_pages_limit). */
    public CallLimits limits() {
        return limits;
    }

    /** The limits a call of {@code definition} runs with: the node's, lowered by the definition's non-zero ones. */
    public CallLimits limits(ContractDefinition definition) {
        long fuel = definition.getFuelLimit() > 0 ? Math.min(limits.fuel(), definition.getFuelLimit()) : limits.fuel();
        int pages = definition.getMemoryPagesLimit() > 0
                ? (int) Math.min(limits.memoryPages(), Integer.toUnsignedLong(definition.getMemoryPagesLimit()))
                : limits.memoryPages();
        return new CallLimits(fuel, pages);
    }

    /** Modules the engine prepared (validated, instrumented, compiled) since it started. */
    public long preparations() {
        return engine.preparations();
    }

    /** Modules read from the state for a definition not kept yet (once per committed definition, normally). */
    public long modulesLoaded() {
        return modulesLoaded.get();
    }

    /** The engine's verdict on a module: empty when accepted (and now prepared and cached), else why not. */
    public Optional<String> validate(byte[] code) {
        return engine.validate(code);
    }

    /**
     * Runs {@code task} (a block's execution) on one of the engine's threads, so that the contract calls it makes
     * run there without a hand-off each (see {@link WasmEngine#onEngineThread}).
     */
    public <T> T onEngineThread(java.util.function.Supplier<T> task) {
        return engine.onEngineThread(task);
    }

    public CallResult call(Target target, String function, List<ByteString> args, ContractHost host) {
        return engine.call(target.module(), function, args.stream().map(ByteString::toByteArray).toList(), host,
                target.limits());
    }

    /** A resolved call target (the definition in force, its prepared module and limits), or a refusal with its code. */
    public record Target(LifecycleRecord record, WasmEngine.Module module, CallLimits limits, ValidationCode refusal,
                         String reason) {
        public boolean refused() {
            return refusal != null;
        }

        static Target refuse(ValidationCode code, String reason) {
            return new Target(null, null, null, code, reason);
        }
    }

    /**
     * The committed definition of {@code name} on {@code channel} with its prepared module, read through
     * {@code lifecycleState} (keys of the lifecycle contract's namespace); the module itself is read and
     * prepared only when this definition's is not kept already.
     */
    public Target resolve(String channel, Function<String, Optional<byte[]>> lifecycleState, String name) {
        Target target = definition(lifecycleState, name);
        String key = channel + '\0' + name;
        if (target.refused()) {
            if (target.refusal() == ValidationCode.CONTRACT_FROZEN || target.refusal() == ValidationCode.CONTRACT_REVOKED) {
                modules.remove(key);
            }
            return target;
        }
        ContractDefinition definition = target.record().getDefinition();
        Cached cached = modules.get(key);
        if (cached == null || !cached.isFor(definition)) {
            String codeHash = Hashes.hex(definition.getCodeHash().toByteArray());
            byte[] code = lifecycleState.apply(LifecycleKeys.code(codeHash))
                    .orElseThrow(() -> new IllegalStateException("module " + codeHash + " of committed contract " + name
                            + " is missing from the lifecycle state"));
            cached = new Cached(definition.getSequence(), definition.getCodeHash(), engine.module(code));
            modulesLoaded.incrementAndGet();
            modules.put(key, cached);
        }
        return new Target(target.record(), cached.module(), limits(definition), null, null);
    }

    /** The module of one committed definition. */
    private record Cached(long sequence, ByteString codeHash, WasmEngine.Module module) {
        boolean isFor(ContractDefinition definition) {
            return sequence == definition.getSequence() && codeHash.equals(definition.getCodeHash());
        }
    }

    /**
     * The committed definition of {@code name} in force, without its module (admission's check), read through
     * {@code lifecycleState}; calls resolve through {@link #resolve(String, Function, String)}.
     */
    public static Target definition(Function<String, Optional<byte[]>> lifecycleState, String name) {
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
        return new Target(record, null, null, null, null);
    }

    private static boolean hasProposal(Function<String, Optional<byte[]>> lifecycleState, String name) {
        return lifecycleState.apply(LifecycleKeys.proposed(name)).isPresent();
    }

    /** The validation code of an engine outcome other than OK. */
    public static ValidationCode code(CallResult.Outcome outcome) {
        return switch (outcome) {
            case OK -> ValidationCode.VALID;
            // as a built-in's missing record: the same code in a block; evaluation answers it NOT_FOUND (BlockExecutor)
            case REJECTED, NOT_FOUND -> ValidationCode.CONTRACT_REJECTED;
            case UNKNOWN_FUNCTION -> ValidationCode.UNKNOWN_FUNCTION;
            case OUT_OF_FUEL -> ValidationCode.OUT_OF_FUEL;
            case OUT_OF_MEMORY -> ValidationCode.OUT_OF_MEMORY;
            case TRAP -> ValidationCode.CONTRACT_TRAPPED;
            case HOST_MISUSE -> ValidationCode.HOST_MISUSE;
            case INVALID_MODULE -> ValidationCode.INVALID_MODULE;
        };
    }

    @Override
    public void close() {
        modules.clear();
        engine.close();
    }
}
