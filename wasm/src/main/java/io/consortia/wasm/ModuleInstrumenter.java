package io.consortia.wasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a module against the engine's rules and rewrites it with fuel metering, in one pass over the binary.
 *
 * <p>Rules: imports only functions of the host module {@code consortia} with their exact signatures; no floating
 * point (types, locals, globals, instructions), SIMD, threads, bulk-memory/table, reference-type, tail-call or
 * exception instructions; exactly one memory, defined (not imported) and exported as {@code memory}, within the page
 * limit; at most one funcref table; exported functions take and return nothing; size limits.
 *
 * <p>Instrumentation: five globals are appended (fuel i64, status i32, call depth i32, scratch i32, call stack i32).
 * The code of every function is cut into straight-line segments that end after each control instruction (block,
 * loop, if, else, end, br, br_if, br_table, return, unreachable); at the start of each segment the segment's whole cost is
 * subtracted from the fuel global and, if the fuel went negative, status := 1 and the function traps. So a
 * function entry, every loop header and the code after every branch are checked, and every loop iteration pays.
 * Each call is wrapped by a depth counter (status 3 past the limit) and a call stack counter, which charges the
 * callee's frame weight ({@link StackBudget}; status 4 past the budget); memory.grow failing sets status 2 and traps
 * instead of returning -1 (a contract cannot recover from running out of memory anyway). The engine reads the
 * status global after a trap to tell these outcomes apart from genuine traps. A start function is no longer
 * started by instantiation but exported as {@value #START_EXPORT}, so that it runs with fuel set.
 */
final class ModuleInstrumenter {
    static final String START_EXPORT = "__consortia_start";
    static final String RESERVED_PREFIX = "__consortia";
    static final String MEMORY_EXPORT = "memory";

    static final int STATUS_OUT_OF_FUEL = 1;
    static final int STATUS_OUT_OF_MEMORY = 2;
    static final int STATUS_CALL_DEPTH = 3;
    static final int STATUS_CALL_STACK = 4;

    /** Costs: one per ordinary instruction; structure markers are free, calls and growth cost more. */
    static final int COST_CALL = 5;
    static final int COST_CALL_INDIRECT = 10;
    static final int COST_MEMORY_GROW = 1000;

    private static final int[] SECTION_ORDER = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11};

    /**
     * The result: the rewritten binary and where the engine finds its bookkeeping. {@code entryWeights}: the frame
     * weight of each exported function and of the start function ({@value #START_EXPORT}), which the engine charges
     * itself since no instrumented call site calls them. {@code deepestStack}: the function whose operand stack gets
     * highest and how high, in slots (the compiler has a limit).
     */
    record Instrumented(byte[] binary, int fuelGlobal, int statusGlobal, int depthGlobal, int stackGlobal,
                        boolean hasStart, Set<String> functions, Map<String, Integer> entryWeights,
                        Map<Integer, String> exportNames, int deepestStackFunction, long deepestStack,
                        int initialPages, int maximumPages) {

        /** "function 3 (export 'put')": how a reason names a function. */
        String describe(int function) {
            return ModuleInstrumenter.describe(function, exportNames);
        }
    }

    private record Type(String params, String results) {
    }

    private record Section(int id, int from, int to) {
    }

    private final byte[] code;
    private final WasmConfig config;
    private final Map<Integer, Section> sections = new HashMap<>();
    private final List<Type> types = new ArrayList<>();
    /** Type index of every function, imported ones first (the function index space). */
    private final List<Integer> functionTypes = new ArrayList<>();
    private final Map<Integer, String> exportNames = new HashMap<>();
    /** Signature types with a float, and where ("parameter 0 is f64"): refused once the functions are known. */
    private final Map<Integer, String> floatTypes = new HashMap<>();
    /** Function names of the "name" custom section (a debug build's), for messages only. */
    private final Map<Integer, String> debugNames = new HashMap<>();
    private final Map<String, Integer> exportIndexes = new HashMap<>();
    private final Set<String> functionExports = new LinkedHashSet<>();
    private int importedFunctions;
    private int definedGlobals;
    /** 'i' or 'l' for each defined global. */
    private final StringBuilder globalTypes = new StringBuilder();
    /** Frame weight of each function (imported ones first); null while the first pass measures them. */
    private int[] weights;
    /** The heaviest function of each signature: what a call_indirect of that signature is charged. */
    private final Map<Type, Integer> heaviestOfType = new HashMap<>();
    private int deepestStackFunction = -1;
    private long deepestStack;
    private int tables;
    private int initialPages;
    private int maximumPages = -1;
    private int startFunction = -1;
    private int fuelGlobal;
    private int statusGlobal;
    private int depthGlobal;
    private int scratchGlobal;
    private int stackGlobal;

    private ModuleInstrumenter(byte[] code, WasmConfig config) {
        this.code = code;
        this.config = config;
    }

    /** Validates and instruments; throws {@link InvalidModuleException} with the reason on the first broken rule. */
    /**
     * The magic number and version, checked before any parser sees the module: the bytes found are shown in hex
     * (a parser's "[-17, -69, ...]" left a user to work out that she had uploaded a text file with a BOM).
     */
    static void requireHeader(byte[] code) {
        if (code.length < 8 || code[0] != 0 || code[1] != 'a' || code[2] != 's' || code[3] != 'm') {
            throw new InvalidModuleException("not a WebAssembly module: it starts with " + hex(code, 4)
                    + ", a module starts with 00 61 73 6d (\\0asm); upload the compiled .wasm file, not its source or text");
        }
        if (code[4] != 1 || code[5] != 0 || code[6] != 0 || code[7] != 0) {
            throw new InvalidModuleException("unsupported WebAssembly binary version " + hex(java.util.Arrays.copyOfRange(
                    code, 4, 8), 4) + " (only version 1, 01 00 00 00, is supported)");
        }
    }

    private static String hex(byte[] bytes, int count) {
        if (bytes.length == 0) {
            return "nothing (the file is empty)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(count, bytes.length); i++) {
            out.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
        }
        return out.toString();
    }

    static Instrumented instrument(byte[] code, WasmConfig config) {
        return new ModuleInstrumenter(code, config).run();
    }

    private Instrumented run() {
        if (code.length > config.maxModuleBytes()) {
            throw new InvalidModuleException("module is " + code.length + " bytes, the limit is " + config.maxModuleBytes());
        }
        requireHeader(code);
        readSections();
        readTypes();
        readImports();
        readFunctions();
        readTables();
        readMemories();
        readGlobals();
        readExports();
        for (int f = importedFunctions; f < functionTypes.size(); f++) {
            refuseFloatSignature(f, describe(f));
        }
        if (!floatTypes.isEmpty()) { // a float signature no function has: call_indirect could still name it
            Map.Entry<Integer, String> first = new java.util.TreeMap<>(floatTypes).firstEntry();
            throw new InvalidModuleException("type " + first.getKey() + " (a signature no function has), whose "
                    + first.getValue() + ": floating point is not allowed (results may differ between nodes)");
        }
        readStart();
        fuelGlobal = definedGlobals;
        statusGlobal = definedGlobals + 1;
        depthGlobal = definedGlobals + 2;
        scratchGlobal = definedGlobals + 3;
        stackGlobal = definedGlobals + 4;

        ByteWriter out = new ByteWriter().u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
        for (int id : SECTION_ORDER) {
            Section s = sections.get(id);
            switch (id) {
                case 6 -> out.section(6, globals(s));
                case 7 -> out.section(7, exports(s));
                case 8 -> { } // the start function becomes an export
                case 10 -> {
                    if (s != null) {
                        out.section(10, codeSection(s));
                    } else if (functionTypes.size() > importedFunctions) {
                        throw new InvalidModuleException("function section without code section");
                    }
                }
                default -> {
                    if (s != null) {
                        out.u8(id).u32(s.to - s.from).bytes(code, s.from, s.to);
                    }
                }
            }
        }
        return new Instrumented(out.toByteArray(), fuelGlobal, statusGlobal, depthGlobal, stackGlobal,
                startFunction >= 0, Set.copyOf(functionExports), entryWeights(), Map.copyOf(exportNames),
                deepestStackFunction, deepestStack, initialPages, maximumPages);
    }

    // ---------------------------------------------------------------- sections

    private void readSections() {
        ByteReader r = new ByteReader(code, 8, code.length);
        int lastRank = -1;
        while (!r.atEnd()) {
            int id = r.u8();
            int size = r.u32();
            int from = r.pos();
            r.skip(size);
            if (id == 0) {
                readDebugNames(from, r.pos()); // custom sections are dropped from the module; names kept for messages
                continue;
            }
            int rank = rank(id);
            if (rank < 0) {
                throw new InvalidModuleException(id == 13
                        ? "exception handling (tag section) is not allowed"
                        : "unknown section id " + id);
            }
            if (rank <= lastRank) {
                throw new InvalidModuleException("section " + id + " is duplicated or out of order");
            }
            lastRank = rank;
            sections.put(id, new Section(id, from, r.pos()));
        }
    }

    /** Function names from a "name" custom section; a malformed one is ignored, as the spec says of custom sections. */
    private void readDebugNames(int from, int to) {
        try {
            ByteReader r = new ByteReader(code, from, to);
            if (!"name".equals(r.name())) {
                return;
            }
            while (!r.atEnd()) {
                int subsection = r.u8();
                int size = r.u32();
                int end = r.pos() + size;
                if (subsection == 1) {
                    int n = r.u32();
                    for (int i = 0; i < n && debugNames.size() < 100_000; i++) {
                        int index = r.u32();
                        String name = r.name();
                        debugNames.put(index, name.length() > 80 ? name.substring(0, 80) + "..." : name);
                    }
                }
                r.skip(end - r.pos());
            }
        } catch (RuntimeException malformed) {
            debugNames.clear();
        }
    }

    private static int rank(int id) {
        for (int i = 0; i < SECTION_ORDER.length; i++) {
            if (SECTION_ORDER[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private ByteReader reader(int id) {
        Section s = sections.get(id);
        return s == null ? null : new ByteReader(code, s.from, s.to);
    }

    private static void requireEnd(ByteReader r, String what) {
        if (!r.atEnd()) {
            throw new InvalidModuleException(what + " section has trailing bytes");
        }
    }

    private void readTypes() {
        ByteReader r = reader(1);
        if (r == null) {
            return;
        }
        int n = r.u32();
        for (int i = 0; i < n; i++) {
            if (r.u8() != 0x60) {
                throw new InvalidModuleException("type " + i + " is not a function type");
            }
            String params = signatureTypes(r, i, "parameter");
            String results = signatureTypes(r, i, "result");
            types.add(new Type(params, results));
        }
        requireEnd(r, "type");
    }

    /**
     * A signature's value types. A float is not refused here but remembered ({@link #floatTypes}), so that the
     * refusal can name the function or import that has the signature, once the functions and exports are read.
     */
    private String signatureTypes(ByteReader r, int type, String kind) {
        int n = r.u32();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int t = r.u8();
            if (t == 0x7D || t == 0x7C) {
                floatTypes.putIfAbsent(type, kind + " " + i + " is " + (t == 0x7D ? "f32" : "f64"));
                sb.append(t == 0x7D ? 'f' : 'd');
            } else {
                sb.append(valueType(t, "type " + type + " " + kind));
            }
        }
        return sb.toString();
    }

    /** Refuses a function whose signature has a float, naming the function (its export, its debug name). */
    private void refuseFloatSignature(int function, String what) {
        int type = functionTypes.get(function);
        String floats = floatTypes.get(type);
        if (floats != null) {
            throw new InvalidModuleException(what + " has signature type " + type + ", whose " + floats
                    + ": floating point is not allowed (results may differ between nodes)");
        }
    }

    private static String valueTypes(ByteReader r, String where) {
        int n = r.u32();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(valueType(r.u8(), where));
        }
        return sb.toString();
    }

    /** i32 -> 'i', i64 -> 'l'; everything else is refused with the reason. */
    private static char valueType(int t, String where) {
        return switch (t) {
            case 0x7F -> 'i';
            case 0x7E -> 'l';
            case 0x7D -> throw new InvalidModuleException(where + " has type f32: floating point is not allowed");
            case 0x7C -> throw new InvalidModuleException(where + " has type f64: floating point is not allowed");
            case 0x7B -> throw new InvalidModuleException(where + " has type v128: SIMD is not allowed");
            case 0x70, 0x6F -> throw new InvalidModuleException(where + " has a reference type: not allowed");
            default -> throw new InvalidModuleException(where + " has unknown value type 0x" + Integer.toHexString(t));
        };
    }

    private Type type(int index, String where) {
        if (index < 0 || index >= types.size()) {
            throw new InvalidModuleException(where + " refers to type " + index + " which does not exist");
        }
        return types.get(index);
    }

    private void readImports() {
        ByteReader r = reader(2);
        if (r == null) {
            return;
        }
        int n = r.u32();
        for (int i = 0; i < n; i++) {
            String module = r.name();
            String name = r.name();
            int kind = r.u8();
            String what = "import " + module + "." + name;
            if (!HostApi.MODULE.equals(module)) {
                throw new InvalidModuleException(what + ": imports must come from the host module '" + HostApi.MODULE + "'");
            }
            if (kind != 0) {
                throw new InvalidModuleException(what + ": only functions may be imported (memory, tables and globals are the module's own)");
            }
            int typeIndex = r.u32();
            HostApi api = HostApi.byName(name);
            if (api == null) {
                throw new InvalidModuleException(what + ": the host has no such function");
            }
            Type t = type(typeIndex, what);
            if (floatTypes.containsKey(typeIndex)) {
                throw new InvalidModuleException(what + " has signature type " + typeIndex + ", whose "
                        + floatTypes.get(typeIndex) + ": floating point is not allowed (results may differ between nodes)");
            }
            if (!t.params.equals(api.params) || !t.results.equals(api.results)) {
                throw new InvalidModuleException(what + " has signature (" + t.params + ")->(" + t.results
                        + ") but the host's is " + api.signature() + " (i = i32, l = i64)");
            }
            functionTypes.add(typeIndex);
            importedFunctions++;
        }
        requireEnd(r, "import");
    }

    private void readFunctions() {
        ByteReader r = reader(3);
        if (r == null) {
            return;
        }
        int n = r.u32();
        for (int i = 0; i < n; i++) {
            int t = r.u32();
            type(t, "function " + (importedFunctions + i));
            functionTypes.add(t);
        }
        requireEnd(r, "function");
        if (functionTypes.size() > config.maxFunctions()) {
            throw new InvalidModuleException("module has " + functionTypes.size() + " functions, the limit is " + config.maxFunctions());
        }
    }

    private void readTables() {
        ByteReader r = reader(4);
        if (r == null) {
            return;
        }
        tables = r.u32();
        if (tables > 1) {
            throw new InvalidModuleException("module defines " + tables + " tables, at most one is allowed");
        }
        for (int i = 0; i < tables; i++) {
            if (r.u8() != 0x70) {
                throw new InvalidModuleException("table " + i + " is not a funcref table");
            }
            int flags = r.u8();
            int min = r.u32();
            if (flags == 1) {
                r.u32();
            } else if (flags != 0) {
                throw new InvalidModuleException("table " + i + " has unsupported limits flags " + flags);
            }
            if (min > config.maxFunctions()) {
                throw new InvalidModuleException("table " + i + " has " + min + " entries, the limit is " + config.maxFunctions());
            }
        }
        requireEnd(r, "table");
    }

    private void readMemories() {
        ByteReader r = reader(5);
        int n = r == null ? 0 : r.u32();
        if (n != 1) {
            throw new InvalidModuleException("module must define exactly one memory (it defines " + n + ")");
        }
        int flags = r.u8();
        if (flags != 0 && flags != 1) {
            throw new InvalidModuleException("memory must be unshared and 32-bit (limits flags " + flags + ")");
        }
        initialPages = r.u32();
        if (flags == 1) {
            maximumPages = r.u32();
        }
        requireEnd(r, "memory");
        if (initialPages > config.memoryPagesPerCall()) {
            throw new InvalidModuleException("memory starts at " + initialPages + " pages, the limit is " + config.memoryPagesPerCall());
        }
    }

    private void readGlobals() {
        ByteReader r = reader(6);
        if (r == null) {
            return;
        }
        definedGlobals = r.u32();
        for (int i = 0; i < definedGlobals; i++) {
            globalTypes.append(valueType(r.u8(), "global " + i));
            r.u8(); // mutability
            constantExpression(r, "global " + i);
        }
        requireEnd(r, "global");
    }

    /** Only integer constants and global.get in initialisers. */
    private static void constantExpression(ByteReader r, String where) {
        while (true) {
            int op = r.u8();
            switch (op) {
                case 0x0B -> {
                    return;
                }
                case 0x41 -> r.sleb(32);
                case 0x42 -> r.sleb(64);
                case 0x23 -> r.u32();
                case 0x43, 0x44 -> throw new InvalidModuleException(where + " is initialised with "
                        + (op == 0x43 ? "f32.const" : "f64.const") + ": floating point is not allowed");
                default -> throw new InvalidModuleException(where + " has unsupported initialiser opcode 0x" + Integer.toHexString(op));
            }
        }
    }

    private void readExports() {
        ByteReader r = reader(7);
        if (r == null) {
            throw new InvalidModuleException("module exports nothing: it must export its memory as '" + MEMORY_EXPORT + "' and its functions");
        }
        int n = r.u32();
        boolean memory = false;
        for (int i = 0; i < n; i++) {
            String name = r.name();
            int kind = r.u8();
            int index = r.u32();
            if (name.startsWith(RESERVED_PREFIX)) {
                throw new InvalidModuleException("export '" + name + "': names starting with " + RESERVED_PREFIX + " are reserved");
            }
            switch (kind) {
                case 0 -> {
                    if (index >= functionTypes.size()) {
                        throw new InvalidModuleException("export '" + name + "' refers to function " + index + " which does not exist");
                    }
                    refuseFloatSignature(index, "exported function '" + name + "' (function " + index + ")");
                    Type t = types.get(functionTypes.get(index));
                    if (!t.params.isEmpty() || !t.results.isEmpty()) {
                        throw new InvalidModuleException("exported function '" + name + "' must take and return nothing "
                                + "(arguments and return value go through the host), it has (" + t.params + ")->(" + t.results + ")");
                    }
                    functionExports.add(name);
                    exportNames.putIfAbsent(index, name);
                    exportIndexes.put(name, index);
                }
                case 2 -> {
                    if (!MEMORY_EXPORT.equals(name)) {
                        throw new InvalidModuleException("the memory must be exported as '" + MEMORY_EXPORT + "', not '" + name + "'");
                    }
                    memory = true;
                }
                default -> throw new InvalidModuleException("export '" + name + "': only functions and the memory may be exported");
            }
        }
        requireEnd(r, "export");
        if (!memory) {
            throw new InvalidModuleException("module must export its memory as '" + MEMORY_EXPORT + "'");
        }
        if (functionExports.isEmpty()) {
            throw new InvalidModuleException("module exports no function");
        }
    }

    private void readStart() {
        ByteReader r = reader(8);
        if (r == null) {
            return;
        }
        startFunction = r.u32();
        requireEnd(r, "start");
        if (startFunction >= functionTypes.size()) {
            throw new InvalidModuleException("start function " + startFunction + " does not exist");
        }
        Type t = types.get(functionTypes.get(startFunction));
        if (!t.params.isEmpty() || !t.results.isEmpty()) {
            throw new InvalidModuleException("start function must take and return nothing");
        }
    }

    // ---------------------------------------------------------------- rewritten sections

    private ByteWriter globals(Section s) {
        ByteWriter w = new ByteWriter().u32(definedGlobals + 5);
        if (s != null) {
            ByteReader r = new ByteReader(code, s.from, s.to);
            r.u32();
            w.bytes(code, r.pos(), s.to);
        }
        w.u8(0x7E).u8(1).u8(0x42).u8(0).u8(0x0B); // fuel: mut i64 = 0 (set before each call)
        for (int i = 0; i < 4; i++) {
            w.u8(0x7F).u8(1).u8(0x41).u8(0).u8(0x0B); // status, depth, scratch, stack: mut i32 = 0
        }
        return w;
    }

    private ByteWriter exports(Section s) {
        ByteReader r = new ByteReader(code, s.from, s.to);
        int n = r.u32();
        ByteWriter w = new ByteWriter().u32(n + (startFunction >= 0 ? 1 : 0));
        w.bytes(code, r.pos(), s.to);
        if (startFunction >= 0) {
            w.name(START_EXPORT).u8(0).u32(startFunction);
        }
        return w;
    }

    /**
     * Two passes: the first validates every body and measures its frame weight, the second rewrites them, since a
     * call site is charged its callee's weight and a callee may come after its caller.
     */
    private ByteWriter codeSection(Section s) {
        int[] measured = new int[functionTypes.size()];
        Arrays.fill(measured, 0, importedFunctions, StackBudget.FRAME_SLOTS); // host functions: a frame, no more
        ByteWriter w = null;
        for (int pass = 0; pass < 2; pass++) {
            ByteReader r = new ByteReader(code, s.from, s.to);
            int n = r.u32();
            if (n != functionTypes.size() - importedFunctions) {
                throw new InvalidModuleException("code section has " + n + " bodies for " + (functionTypes.size() - importedFunctions) + " functions");
            }
            w = new ByteWriter().u32(n);
            for (int i = 0; i < n; i++) {
                int size = r.u32();
                int from = r.pos();
                r.skip(size);
                FunctionRewriter rewriter = new FunctionRewriter(importedFunctions + i, from, r.pos());
                byte[] body = rewriter.rewrite();
                measured[importedFunctions + i] = rewriter.weight();
                if (rewriter.stack.highest() > deepestStack) {
                    deepestStack = rewriter.stack.highest();
                    deepestStackFunction = importedFunctions + i;
                }
                w.u32(body.length).bytes(body);
            }
            requireEnd(r, "code");
            if (weights == null) {
                weights = measured;
                for (int f = 0; f < functionTypes.size(); f++) {
                    heaviestOfType.merge(types.get(functionTypes.get(f)), weights[f], Math::max);
                }
            }
        }
        return w;
    }

    private Map<String, Integer> entryWeights() {
        Map<String, Integer> out = new HashMap<>();
        for (String name : functionExports) {
            out.put(name, weight(exportIndexes.get(name)));
        }
        if (startFunction >= 0) {
            out.put(START_EXPORT, weight(startFunction));
        }
        return Map.copyOf(out);
    }

    /** A function's weight; a module without code has only host functions. */
    private int weight(int function) {
        return weights == null ? StackBudget.FRAME_SLOTS : weights[function];
    }

    private String describe(int function) {
        String debug = debugNames.get(function);
        return describe(function, exportNames) + (debug == null || exportNames.containsKey(function) ? "" : " ($" + debug + ")");
    }

    static String describe(int function, Map<Integer, String> exportNames) {
        String name = exportNames.get(function);
        return "function " + function + (name != null ? " (export '" + name + "')" : "");
    }

    /** Validates one function body, cuts it into metered segments and measures its frame ({@link StackBudget}). */
    private final class FunctionRewriter {
        private final int function;
        private final ByteReader r;
        private final ByteWriter out = new ByteWriter();
        private final OperandStack stack;
        private ByteWriter segment = new ByteWriter();
        private long cost;
        /** Type of each parameter and local, 'i' or 'l'. */
        private final StringBuilder locals = new StringBuilder();
        private long localSlots;

        FunctionRewriter(int function, int from, int to) {
            this.function = function;
            this.r = new ByteReader(code, from, to);
            this.stack = new OperandStack(types.get(functionTypes.get(function)).results);
        }

        /** The frame weight, once {@link #rewrite} has run. */
        int weight() {
            return StackBudget.weight(localSlots, stack.highest(), config.maxStackSlots());
        }

        byte[] rewrite() {
            int from = r.pos();
            locals.append(types.get(functionTypes.get(function)).params);
            int groups = r.u32();
            for (int g = 0; g < groups; g++) {
                long count = r.u32() & 0xFFFFFFFFL;
                char type = valueType(r.u8(), describe(function) + " local");
                if (locals.length() + count > config.maxLocals()) {
                    throw new InvalidModuleException(describe(function) + " has more than " + config.maxLocals() + " locals");
                }
                locals.append(String.valueOf(type).repeat((int) count));
            }
            for (int i = 0; i < locals.length(); i++) {
                localSlots += OperandStack.slots(locals.charAt(i));
            }
            out.bytes(code, from, r.pos());
            int depth = 1;
            while (depth > 0) {
                int at = r.pos();
                int op = r.u8();
                switch (op) {
                    case 0x00 -> {                                    // unreachable
                        stack.unreachable();
                        boundary(at, 1);
                    }
                    case 0x01 -> copy(at, 0);                         // nop
                    case 0x02, 0x03 -> {                              // block, loop
                        Type t = blockType();
                        stack.enter(t.params, t.results);
                        depth++;
                        boundary(at, 0);
                    }
                    case 0x04 -> {                                    // if
                        Type t = blockType();
                        stack.pop(1);
                        stack.enter(t.params, t.results);
                        depth++;
                        boundary(at, 1);
                    }
                    case 0x05 -> {                                    // else
                        stack.elseBranch();
                        boundary(at, 0);
                    }
                    case 0x0B -> {                                    // end
                        stack.end();
                        depth--;
                        boundary(at, 0);
                    }
                    case 0x0C, 0x0D -> {                              // br, br_if
                        r.u32();
                        if (op == 0x0C) {
                            stack.unreachable();
                        } else {
                            stack.pop(1);
                        }
                        boundary(at, 1);
                    }
                    case 0x0E -> {                                    // br_table
                        int targets = r.u32();
                        for (int t = 0; t <= targets; t++) {
                            r.u32();
                        }
                        stack.pop(1);
                        stack.unreachable();
                        boundary(at, 2);
                    }
                    case 0x0F -> {                                    // return
                        stack.unreachable();
                        boundary(at, 1);
                    }
                    case 0x10 -> {                                    // call
                        int callee = r.u32();
                        if (callee >= functionTypes.size()) {
                            throw invalid(at, "call to function " + callee + " which does not exist");
                        }
                        Type t = types.get(functionTypes.get(callee));
                        call(at, COST_CALL, weights == null ? 0 : weights[callee]);
                        stack.pop(t.params.length());
                        stack.pushAll(t.results);
                    }
                    case 0x11 -> {                                    // call_indirect
                        Type t = type(r.u32(), describe(function) + " call_indirect");
                        if (r.u32() != 0 || tables == 0) {
                            throw invalid(at, "call_indirect without a table");
                        }
                        // any function of this signature may be in the table; one of none traps anyway
                        call(at, COST_CALL_INDIRECT, heaviestOfType.getOrDefault(t, StackBudget.FRAME_SLOTS));
                        stack.pop(1 + t.params.length());
                        stack.pushAll(t.results);
                    }
                    case 0x1A -> {                                    // drop
                        stack.pop(1);
                        copy(at, 1);
                    }
                    case 0x1B -> {                                    // select
                        stack.pop(1);
                        int slots = stack.topSlots();
                        stack.pop(2);
                        stack.pushSlots(slots);
                        copy(at, 1);
                    }
                    case 0x1C -> {                                    // select t*
                        int n = r.u32();
                        StringBuilder selected = new StringBuilder();
                        for (int t = 0; t < n; t++) {
                            selected.append(valueType(r.u8(), describe(function) + " select"));
                        }
                        stack.pop(3);
                        stack.pushAll(selected.toString());
                        copy(at, 1);
                    }
                    case 0x20, 0x21, 0x22 -> {                        // local.get/set/tee
                        int index = r.u32();
                        if (index < 0 || index >= locals.length()) {
                            throw invalid(at, "local index out of range");
                        }
                        if (op != 0x20) {
                            stack.pop(1);
                        }
                        if (op != 0x21) {
                            stack.push(locals.charAt(index));
                        }
                        copy(at, 1);
                    }
                    case 0x23, 0x24 -> {                              // global.get/set
                        int index = r.u32();
                        if (index < 0 || index >= definedGlobals) {
                            throw invalid(at, "global index out of range");
                        }
                        if (op == 0x23) {
                            stack.push(globalTypes.charAt(index));
                        } else {
                            stack.pop(1);
                        }
                        copy(at, 1);
                    }
                    case 0x3F -> {                                    // memory.size
                        memoryIndex(at);
                        stack.push('i');
                        copy(at, 1);
                    }
                    case 0x40 -> {                                    // memory.grow
                        memoryIndex(at);
                        memoryGrow();
                    }
                    case 0x41 -> {
                        r.sleb(32);
                        stack.push('i');
                        copy(at, 1);
                    }
                    case 0x42 -> {
                        r.sleb(64);
                        stack.push('l');
                        copy(at, 1);
                    }
                    case 0x43 -> throw floatingPoint(at, "f32.const");
                    case 0x44 -> throw floatingPoint(at, "f64.const");
                    case 0x12, 0x13 -> throw invalid(at, "tail calls are not allowed");
                    case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F ->
                            throw invalid(at, "exception handling is not allowed");
                    case 0x25, 0x26, 0xD0, 0xD1, 0xD2 -> throw invalid(at, "reference-type instructions are not allowed");
                    case 0xFC -> {
                        int sub = r.u32();
                        if (sub < 8) {
                            throw floatingPoint(at, Opcodes.truncSatName(sub));
                        }
                        throw invalid(at, "bulk memory and table instructions (0xFC " + sub + ") are not allowed; "
                                + "AssemblyScript: compile with --disable bulk-memory");
                    }
                    case 0xFD -> throw invalid(at, "SIMD instructions are not allowed");
                    case 0xFE -> throw invalid(at, "atomic (threads) instructions are not allowed");
                    default -> {
                        if (op >= 0x28 && op <= 0x3E) {               // loads and stores
                            if (Opcodes.isFloatMemory(op)) {
                                throw floatingPoint(at, Opcodes.memoryName(op));
                            }
                            r.u32();
                            r.u32();
                            if (op <= 0x35) {
                                stack.pop(1);
                                stack.push(Opcodes.loadResult(op));
                            } else {
                                stack.pop(2);
                            }
                            copy(at, 1);
                        } else if (op >= Opcodes.FIRST_NUMERIC && op <= Opcodes.LAST_NUMERIC) {
                            if (Opcodes.isFloatNumeric(op)) {
                                throw floatingPoint(at, Opcodes.numericName(op));
                            }
                            stack.pop(Opcodes.numericOperands(op));
                            stack.push(Opcodes.numericResult(op));
                            copy(at, 1);
                        } else {
                            throw invalid(at, "unknown opcode 0x" + Integer.toHexString(op));
                        }
                    }
                }
            }
            if (!r.atEnd()) {
                throw invalid(r.pos(), "bytes after the end of the function");
            }
            return out.toByteArray();
        }

        private Type blockType() {
            int at = r.pos();
            int b = r.u8();
            if (b == 0x40) {
                return new Type("", "");
            }
            if ((b & 0xC0) == 0x40) { // a single-byte negative: a value type
                return new Type("", String.valueOf(valueType(b, describe(function) + " block")));
            }
            r.seek(at);
            long index = r.sleb(33);
            if (index < 0) {
                throw invalid(at, "bad block type");
            }
            return type((int) Math.min(index, Integer.MAX_VALUE), describe(function) + " block");
        }

        private void memoryIndex(int at) {
            if (r.u8() != 0) {
                throw invalid(at, "only memory 0 exists");
            }
        }

        private void copy(int at, int instructionCost) {
            cost += instructionCost;
            segment.bytes(code, at, r.pos());
        }

        /** The instruction ends a segment: charge the segment (including it) at its start. */
        private void boundary(int at, int instructionCost) {
            copy(at, instructionCost);
            if (cost > 0) {
                charge(cost);
            }
            out.bytes(segment.toByteArray());
            segment = new ByteWriter();
            cost = 0;
        }

        private void charge(long amount) {
            out.u8(0x23).u32(fuelGlobal).u8(0x42).sleb(amount).u8(0x7D).u8(0x24).u32(fuelGlobal) // fuel -= amount
                    .u8(0x23).u32(fuelGlobal).u8(0x42).u8(0).u8(0x53)                            // fuel < 0 ?
                    .u8(0x04).u8(0x40);
            trapWith(out, STATUS_OUT_OF_FUEL);
            out.u8(0x0B);
        }

        /** The call wrapped by both counters: the callee's frame is charged before it exists. */
        private void call(int at, int instructionCost, int calleeWeight) {
            cost += instructionCost;
            segment.u8(0x23).u32(depthGlobal).u8(0x41).u8(1).u8(0x6A).u8(0x24).u32(depthGlobal)      // depth += 1
                    .u8(0x23).u32(depthGlobal).u8(0x41).sleb(config.maxCallDepth()).u8(0x4A)       // depth > max ?
                    .u8(0x04).u8(0x40);
            trapWith(segment, STATUS_CALL_DEPTH);
            segment.u8(0x0B);
            segment.u8(0x23).u32(stackGlobal).u8(0x41).sleb(calleeWeight).u8(0x6A).u8(0x24).u32(stackGlobal) // stack += w
                    .u8(0x23).u32(stackGlobal).u8(0x41).sleb(config.maxStackSlots()).u8(0x4A)        // stack > budget ?
                    .u8(0x04).u8(0x40);
            trapWith(segment, STATUS_CALL_STACK);
            segment.u8(0x0B);
            segment.bytes(code, at, r.pos());
            segment.u8(0x23).u32(depthGlobal).u8(0x41).u8(1).u8(0x6B).u8(0x24).u32(depthGlobal)      // depth -= 1
                    .u8(0x23).u32(stackGlobal).u8(0x41).sleb(calleeWeight).u8(0x6B).u8(0x24).u32(stackGlobal); // stack -= w
        }

        private void memoryGrow() {
            cost += COST_MEMORY_GROW;
            segment.u8(0x40).u8(0).u8(0x24).u32(scratchGlobal)
                    .u8(0x23).u32(scratchGlobal).u8(0x41).sleb(-1).u8(0x46)                       // grow failed ?
                    .u8(0x04).u8(0x40);
            trapWith(segment, STATUS_OUT_OF_MEMORY);
            segment.u8(0x0B).u8(0x23).u32(scratchGlobal);
        }

        private void trapWith(ByteWriter w, int status) {
            w.u8(0x41).u8(status).u8(0x24).u32(statusGlobal).u8(0x00);
        }

        private InvalidModuleException floatingPoint(int at, String instruction) {
            return invalid(at, instruction + ": floating point is not allowed (results may differ between nodes)");
        }

        private InvalidModuleException invalid(int at, String reason) {
            return new InvalidModuleException(describe(function) + " at byte 0x" + Integer.toHexString(at) + ": " + reason);
        }
    }
}
