package io.consortia.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.alloc.ExactMemAllocStrategy;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs WebAssembly contracts deterministically and metered.
 *
 * <p>{@link #validate} checks a module once (at commit) and prepares it: the rules of {@link ModuleInstrumenter} and
 * {@link SegmentBounds}, then fuel instrumentation, then Chicory's runtime compiler. Prepared modules are cached by the SHA-256 of their
 * code, so {@link #call} on a committed module only takes a pooled instance and resets it (or instantiates one). A call never throws: it ends with a
 * {@link CallResult}, and only an OK call hands writes and events to the {@link ContractHost}.
 *
 * <p>Calls run on the engine's own threads, whose stacks are large enough that the instrumented call depth and call
 * stack limits, not the JVM's stack size (which may differ between nodes), end deep recursion ({@link StackBudget}).
 */
public final class WasmEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WasmEngine.class);

    private final WasmConfig config;
    private final ExecutorService threads;
    /** Code hash to a prepared module or the reason it was refused; least recently used dropped first. */
    private final Map<String, Object> cache;
    /** Modules prepared (validated, instrumented, compiled) so far: what a cache is meant to keep low. */
    private final AtomicLong preparations = new AtomicLong();

    public WasmEngine(WasmConfig config) {
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new EngineThread(r, "wasm-" + n.incrementAndGet(), config.threadStackBytes());
            t.setDaemon(true);
            return t;
        });
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > config.cachedModules();
            }
        };
    }

    public WasmConfig config() {
        return config;
    }

    /** The SHA-256 (hex) by which modules are cached. */
    public static String codeHash(byte[] code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * Validates and prepares (instruments, compiles, caches) a module.
     *
     * @return empty if the module is accepted, else the reason it is refused
     */
    public Optional<String> validate(byte[] code) {
        Object prepared = prepared(code);
        return prepared instanceof String reason ? Optional.of(reason) : Optional.empty();
    }

    /**
     * The functions a module exports, which a caller may name (its memory and anything else exported are not
     * functions); empty if the module is refused ({@link #validate} says why). Lets a platform check that a
     * manifest describes only functions the module has.
     */
    public java.util.Set<String> exportedFunctions(byte[] code) {
        Object prepared = prepared(code);
        return prepared instanceof PreparedModule module ? java.util.Set.copyOf(module.functions()) : java.util.Set.of();
    }

    /**
     * A module validated and prepared once, for callers that keep it (the node keeps one per committed contract
     * definition) and call it with {@link #call(Module, String, List, ContractHost, CallLimits)}: such a call
     * neither hashes the code nor looks it up.
     */
    public Module module(byte[] code) {
        return new Module(prepared(code));
    }

    /** Modules prepared (validated, instrumented, compiled) by this engine since it started; a cache hit prepares none. */
    public long preparations() {
        return preparations.get();
    }

    /** Calls an exported function with the engine's default limits. */
    public CallResult call(byte[] code, String function, List<byte[]> args, ContractHost host) {
        return call(code, function, args, host, new CallLimits(config.fuelPerCall(), config.memoryPagesPerCall()));
    }

    /**
     * Calls an exported function of a module; never throws for anything the module does (null arguments are the
     * embedding code's bug and throw {@link NullPointerException}).
     */
    public CallResult call(byte[] code, String function, List<byte[]> args, ContractHost host, CallLimits limits) {
        return call(prepared(code), function, args, host, limits);
    }

    /** As {@link #call(byte[], String, List, ContractHost, CallLimits)}, on a module prepared before. */
    public CallResult call(Module module, String function, List<byte[]> args, ContractHost host, CallLimits limits) {
        return call(module.prepared, function, args, host, limits);
    }

    private CallResult call(Object prepared, String function, List<byte[]> args, ContractHost host, CallLimits limits) {
        Objects.requireNonNull(limits, "limits");
        if (prepared instanceof String reason) {
            return CallResult.failed(CallResult.Outcome.INVALID_MODULE, reason, 0);
        }
        PreparedModule module = (PreparedModule) prepared;
        if (!module.functions().contains(function)) {
            return CallResult.failed(CallResult.Outcome.UNKNOWN_FUNCTION, "the contract has no function '" + function + "'", 0);
        }
        if (onEngineThread()) {
            return run(module, function, List.copyOf(args), host, limits);
        }
        Future<CallResult> result;
        try {
            result = threads.submit(() -> run(module, function, List.copyOf(args), host, limits));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CallResult.failed(CallResult.Outcome.TRAP, "the engine is closed", 0);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            return CallResult.failed(CallResult.Outcome.TRAP, "interrupted", 0);
        } catch (ExecutionException e) {
            // run() catches what a module can cause; this is the engine's own bug or the host's
            LOG.error("wasm call {} of {} failed unexpectedly", function, module.codeHash(), e.getCause());
            return CallResult.failed(CallResult.Outcome.TRAP, "engine error: " + e.getCause(), 0);
        }
    }

    /**
     * Runs {@code task} on one of the engine's threads (right here if this is one) and waits for it; the calls it
     * makes then run on that thread directly. A caller making many calls in a row (a block's transactions) pays one
     * hand-off between threads instead of one per call: on a loaded machine each hand-off waits for the other thread
     * to be scheduled, which cost far more than the calls themselves (docs/performance.md, "WebAssembly
     * notarization"). What {@code task} throws is rethrown as it is.
     *
     * @throws WasmException if the engine is closed or the waiting thread is interrupted (its interrupt flag set)
     */
    public <T> T onEngineThread(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        if (onEngineThread()) {
            return task.get();
        }
        Future<T> result;
        try {
            result = threads.submit(task::get);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new WasmException("the engine is closed", e);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new WasmException("interrupted while waiting for the engine's thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new WasmException("task failed on the engine's thread", e.getCause());
        }
    }

    /** Whether this thread's stack is an engine thread's: calls may run on it without a hand-off. */
    private boolean onEngineThread() {
        return Thread.currentThread() instanceof EngineThread t && t.stackBytes >= config.threadStackBytes();
    }

    /** A thread with the stack calls need (see the class comment). */
    private static final class EngineThread extends Thread {
        private final long stackBytes;

        EngineThread(Runnable task, String name, long stackBytes) {
            super(null, task, name, stackBytes);
            this.stackBytes = stackBytes;
        }
    }

    /** How many modules (prepared or refused) the cache holds; for tests. */
    int cachedModules() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** The cached preparation of a module, for tests: the same object while it stays cached. */
    Object cachedPreparation(byte[] code) {
        return prepared(code);
    }

    private Object prepared(byte[] code) {
        String hash = codeHash(code);
        synchronized (cache) {
            Object cached = cache.get(hash);
            if (cached != null) {
                return cached;
            }
        }
        Object prepared;
        preparations.incrementAndGet();
        try {
            prepared = prepare(hash, code);
        } catch (InvalidModuleException e) {
            // a user's module breaking a rule: the reason says it all, no stack trace for the node's log
            LOG.debug("wasm module {} refused: {}", hash, e.getMessage());
            prepared = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            // a bug of ours: the module cannot run here either way, and the reason need not show our classes
            LOG.warn("wasm module {} could not be prepared", hash, e);
            prepared = "the engine could not prepare the module (an engine error, logged by the node)";
        }
        synchronized (cache) {
            cache.put(hash, prepared);
        }
        return prepared;
    }

    private PreparedModule prepare(String hash, byte[] code) {
        ModuleInstrumenter.requireHeader(code);
        WasmModule parsed;
        try {
            // the spec's own checks (structure, types) first, with Chicory's reasons
            parsed = Parser.parse(code);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidModuleException("malformed module: " + e.getMessage(), e);
        }
        ModuleInstrumenter.Instrumented layout = ModuleInstrumenter.instrument(code, config);
        SegmentBounds.check(parsed, layout.initialPages());
        WasmModule module;
        try {
            module = Parser.parse(layout.binary());
        } catch (ChicoryException e) {
            throw new IllegalStateException("instrumentation produced an invalid module: " + e.getMessage(), e);
        }
        var machines = config.compile()
                ? ModuleCompiler.compile(module, "io.consortia.wasm.generated.C" + hash.substring(0, 16), layout)
                : null;
        LOG.debug("prepared wasm module {} ({} bytes, {} after instrumentation)", hash, code.length, layout.binary().length);
        return new PreparedModule(hash, module, machines, layout);
    }

    private CallResult run(PreparedModule module, String function, List<byte[]> args, ContractHost host, CallLimits limits) {
        ModuleInstrumenter.Instrumented layout = module.layout();
        if (layout.initialPages() > limits.memoryPages()) {
            return CallResult.failed(CallResult.Outcome.OUT_OF_MEMORY, "the module starts with " + layout.initialPages()
                    + " pages, the call may use " + limits.memoryPages(), 0);
        }
        int maxPages = layout.maximumPages() < 0 ? limits.memoryPages() : Math.min(layout.maximumPages(), limits.memoryPages());
        BufferedState state = new BufferedState(host);
        PreparedModule.Pooled pooled = null;
        try {
            pooled = instance(module, maxPages);
            Instance instance = pooled.instance();
            pooled.hostFunctions().begin(host, state, args);
            instance.global(layout.fuelGlobal()).setValue(limits.fuel());
            if (layout.hasStart()) {
                enter(instance, layout, ModuleInstrumenter.START_EXPORT).apply();
            }
            enter(instance, layout, function).apply();
            long used = limits.fuel() - instance.global(layout.fuelGlobal()).getValue();
            byte[] returned = pooled.hostFunctions().returnValue();
            state.commit();
            // unbound before it is pooled: once pooled, another thread may take and bind it
            pooled.hostFunctions().end();
            release(module, pooled);
            return new CallResult(CallResult.Outcome.OK, "", returned, used, state.writes(), state.events());
        } catch (RuntimeException | StackOverflowError e) {
            // an instance that failed is not reused, whatever state the failure left it in
            if (pooled != null) {
                pooled.hostFunctions().end();
            }
            return failure(pooled == null ? null : pooled.instance(), layout, limits, e);
        }
    }

    /**
     * An exported function with its frame charged to the call stack counter: no instrumented call site calls it, so
     * its weight is the counter's starting point. One heavier than the whole budget traps before it runs.
     */
    private ExportFunction enter(Instance instance, ModuleInstrumenter.Instrumented layout, String name) {
        int weight = layout.entryWeights().get(name);
        instance.global(layout.stackGlobal()).setValue(weight);
        if (weight > config.maxStackSlots()) {
            instance.global(layout.statusGlobal()).setValue(ModuleInstrumenter.STATUS_CALL_STACK);
            throw new TrapException("call stack budget exceeded on entry");
        }
        return instance.export(name);
    }

    /**
     * A pooled instance reset to its initial state (globals, memory and its data, tables: what instantiation sets),
     * or a new one. Instantiating — above all allocating the memory — was most of a small call's cost.
     */
    private PreparedModule.Pooled instance(PreparedModule module, int maxPages) {
        PreparedModule.Pooled pooled = module.take();
        if (pooled != null && pooled.maxPages() == maxPages) {
            pooled.instance().initialize(false);
            return pooled;
        }
        ModuleInstrumenter.Instrumented layout = module.layout();
        HostFunctions hostFunctions = new HostFunctions(layout.fuelGlobal(), layout.statusGlobal());
        Instance.Builder builder = Instance.builder(module.module())
                .withImportValues(ImportValues.builder().withFunctions(List.copyOf(hostFunctions.functions())).build())
                .withMemoryLimits(new MemoryLimits(layout.initialPages(), maxPages))
                // exactly the pages in use: the default strategy allocates ahead, and zeroing up to the page
                // limit at every instantiation dominated the cost of a small call
                .withMemoryFactory(memoryLimits -> new ByteArrayMemory(memoryLimits, new ExactMemAllocStrategy()))
                .withStart(false);
        if (module.machines() != null) {
            builder.withMachineFactory(module.machines());
        }
        return new PreparedModule.Pooled(builder.build(), hostFunctions, maxPages);
    }

    /** Back to the pool after a call that ended normally, unless its memory grew (a reset cannot shrink it). */
    private void release(PreparedModule module, PreparedModule.Pooled pooled) {
        if (pooled.instance().memory().pages() == module.layout().initialPages()) {
            module.give(pooled, config.threads());
        }
    }

    private CallResult failure(Instance instance, ModuleInstrumenter.Instrumented layout, CallLimits limits, Throwable e) {
        long used = 0;
        int status = 0;
        if (instance != null) {
            used = Math.max(0, Math.min(limits.fuel(), limits.fuel() - instance.global(layout.fuelGlobal()).getValue()));
            status = (int) instance.global(layout.statusGlobal()).getValue();
        }
        switch (status) {
            case ModuleInstrumenter.STATUS_OUT_OF_FUEL:
                return CallResult.failed(CallResult.Outcome.OUT_OF_FUEL, "out of fuel (limit " + limits.fuel() + ")", limits.fuel());
            case ModuleInstrumenter.STATUS_OUT_OF_MEMORY:
                return CallResult.failed(CallResult.Outcome.OUT_OF_MEMORY,
                        "memory.grow beyond the limit of " + limits.memoryPages() + " pages", used);
            case ModuleInstrumenter.STATUS_CALL_DEPTH:
                return CallResult.failed(CallResult.Outcome.TRAP, "call depth beyond " + config.maxCallDepth(), used);
            case ModuleInstrumenter.STATUS_CALL_STACK:
                return CallResult.failed(CallResult.Outcome.TRAP, "call stack beyond " + config.maxStackSlots() + " slots", used);
            default:
                break;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HostMisuseException) {
                return CallResult.failed(CallResult.Outcome.HOST_MISUSE, t.getMessage(), used);
            }
            if (t instanceof ContractRejectedException rejected) {
                return CallResult.failed(rejected.notFound() ? CallResult.Outcome.NOT_FOUND : CallResult.Outcome.REJECTED,
                        t.getMessage(), used);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError) {
                // the budget is meant to make this impossible: where it happens nodes may disagree on the outcome
                LOG.error("wasm call overflowed the JVM's stack before its call stack budget of {} slots", config.maxStackSlots(), e);
                return CallResult.failed(CallResult.Outcome.TRAP, "stack overflow", used);
            }
        }
        return CallResult.failed(CallResult.Outcome.TRAP, String.valueOf(e.getMessage()), used);
    }

    /** A prepared module or the reason it was refused (see {@link #module}). */
    public static final class Module {
        private final Object prepared;

        private Module(Object prepared) {
            this.prepared = prepared;
        }

        /** Empty when the module was accepted, else why it was refused. */
        public Optional<String> refusal() {
            return prepared instanceof String reason ? Optional.of(reason) : Optional.empty();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
