package io.consortia.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The host module {@code consortia} for one call: bounds-checks every pointer, charges fuel for every host call
 * (a base plus one per byte moved, so the cost is the same on every node) and routes to {@link BufferedState} and
 * the {@link ContractHost}. Conventions (docs/wasm-contracts.md): pointers and lengths are unsigned i32 into the
 * exported memory; functions that return data write at most {@code cap} bytes at {@code buf} and return the full
 * length, so a contract retries with a larger buffer when the result is larger than {@code cap}.
 */
final class HostFunctions {
    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_VALUE_BYTES = 1 << 20;
    static final int MAX_NAME_BYTES = 256;
    static final int MAX_LOG_BYTES = 4096;
    static final int MAX_RANGE_ENTRIES = 1000;
    static final int MAX_BUILTIN_ARGS = 64;
    static final long COST_HOST_CALL = 50;
    static final long COST_STATE_WRITE = 200;

    private final int fuelGlobal;
    private final int statusGlobal;
    // the current call's: an instance (and so its host functions) serves one call after another
    private ContractHost host;
    private BufferedState state;
    private List<byte[]> args;
    private byte[] returnValue;
    private byte[] builtinResult;

    HostFunctions(int fuelGlobal, int statusGlobal) {
        this.fuelGlobal = fuelGlobal;
        this.statusGlobal = statusGlobal;
    }

    /** Binds the functions to a call. */
    void begin(ContractHost callHost, BufferedState callState, List<byte[]> callArgs) {
        this.host = callHost;
        this.state = callState;
        this.args = callArgs;
        this.returnValue = null;
        this.builtinResult = null;
    }

    /** Forgets the call, so that a pooled instance keeps no reference to its host, state or arguments. */
    void end() {
        begin(null, null, null);
    }

    byte[] returnValue() {
        return returnValue;
    }

    private static final HostApi[] APIS = HostApi.values();
    private static final FunctionType[] TYPES = java.util.Arrays.stream(APIS).map(HostFunctions::type).toArray(FunctionType[]::new);

    List<HostFunction> functions() {
        List<HostFunction> out = new ArrayList<>(APIS.length);
        for (int i = 0; i < APIS.length; i++) {
            HostApi api = APIS[i];
            out.add(new HostFunction(HostApi.MODULE, api.importName, TYPES[i], (instance, a) -> dispatch(api, instance, a)));
        }
        return out;
    }

    private static FunctionType type(HostApi api) {
        return FunctionType.of(valTypes(api.params), valTypes(api.results));
    }

    private static List<ValType> valTypes(String sig) {
        List<ValType> out = new ArrayList<>();
        for (char c : sig.toCharArray()) {
            out.add(c == 'i' ? ValType.I32 : ValType.I64);
        }
        return out;
    }

    private long[] dispatch(HostApi api, Instance instance, long[] a) {
        charge(instance, COST_HOST_CALL);
        Memory memory = instance.memory();
        switch (api) {
            case ARG_COUNT:
                return i32(args.size());
            case ARG: {
                int index = (int) a[0];
                if (index < 0 || index >= args.size()) {
                    throw new HostMisuseException("arg(" + index + "): the call has " + args.size() + " arguments");
                }
                return i32(writeOut(instance, memory, args.get(index), a[1], a[2]));
            }
            case RETURN_VALUE:
                returnValue = read(instance, memory, a[0], a[1], MAX_VALUE_BYTES, "return_value");
                return null;
            case STATE_GET: {
                byte[] value = state.get(read(instance, memory, a[0], a[1], MAX_KEY_BYTES, "state_get key"));
                return i32(value == null ? -1 : writeOut(instance, memory, value, a[2], a[3]));
            }
            case STATE_PUT: {
                byte[] key = read(instance, memory, a[0], a[1], MAX_KEY_BYTES, "state_put key");
                byte[] value = read(instance, memory, a[2], a[3], MAX_VALUE_BYTES, "state_put value");
                requireKey(key, "state_put");
                charge(instance, COST_STATE_WRITE);
                state.put(key, value);
                return null;
            }
            case STATE_DELETE: {
                byte[] key = read(instance, memory, a[0], a[1], MAX_KEY_BYTES, "state_delete key");
                requireKey(key, "state_delete");
                charge(instance, COST_STATE_WRITE);
                state.delete(key);
                return null;
            }
            case STATE_RANGE:
                return i32(range(instance, memory, a));
            case CALLER_ORG:
                return i32(writeOut(instance, memory, utf8(host.callerOrganisation()), a[0], a[1]));
            case CALLER_CERT:
                return i32(writeOut(instance, memory, utf8(host.callerCertificateId()), a[0], a[1]));
            case TX_ID:
                return i32(writeOut(instance, memory, utf8(host.transactionId()), a[0], a[1]));
            case TX_TIMESTAMP:
                return new long[] {host.timestampMillis()};
            case EMIT_EVENT: {
                String name = text(read(instance, memory, a[0], a[1], MAX_NAME_BYTES, "emit_event name"), "emit_event name");
                state.emit(name, read(instance, memory, a[2], a[3], MAX_VALUE_BYTES, "emit_event payload"));
                return null;
            }
            case LOG: {
                int level = (int) a[0];
                if (level < 0 || level >= ContractHost.LogLevel.values().length) {
                    throw new HostMisuseException("log level " + level + " is not 0..3");
                }
                String message = text(read(instance, memory, a[1], a[2], MAX_LOG_BYTES, "log message"), "log message");
                // lazy: escaping is the host's cost, not the contract's fuel; skip it when the line is dropped
                host.log(ContractHost.LogLevel.values()[level], () -> SafeText.escape(message)); // no forged log lines
                return null;
            }
            case CALL_BUILTIN:
                return i32(callBuiltin(instance, memory, a));
            case BUILTIN_RESULT:
                if (builtinResult == null) {
                    throw new HostMisuseException("builtin_result before any call_builtin");
                }
                return i32(writeOut(instance, memory, builtinResult, a[0], a[1]));
            case ABORT:
                throw new ContractRejectedException(
                        text(read(instance, memory, a[0], a[1], MAX_LOG_BYTES, "abort message"), "abort message"));
            case NOT_FOUND:
                throw ContractRejectedException.notFound(text(
                        read(instance, memory, a[0], a[1], MAX_LOG_BYTES, "not_found message"), "not_found message"));
            default:
                throw new IllegalStateException("unhandled host function " + api);
        }
    }

    private int range(Instance instance, Memory memory, long[] a) {
        byte[] start = read(instance, memory, a[0], a[1], MAX_KEY_BYTES, "state_range start");
        byte[] end = read(instance, memory, a[2], a[3], MAX_KEY_BYTES, "state_range end");
        if (Arrays.compareUnsigned(start, end) > 0) {
            // the order the state keeps keys in; the buffered writes' map would throw a Java message otherwise
            throw new HostMisuseException("state_range start is after its end (keys order as unsigned bytes)");
        }
        int limit = (int) a[4];
        if (limit < 0 || limit > MAX_RANGE_ENTRIES) {
            throw new HostMisuseException("state_range limit " + limit + " is not 0.." + MAX_RANGE_ENTRIES);
        }
        // entries: u32 key length, key, u32 value length, value; little-endian like wasm memory
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ContractHost.StateEntry e : state.range(start, end, limit)) {
            writeLengthPrefixed(out, e.key());
            writeLengthPrefixed(out, e.value());
        }
        return writeOut(instance, memory, out.toByteArray(), a[5], a[6]);
    }

    private int callBuiltin(Instance instance, Memory memory, long[] a) {
        String contract = text(read(instance, memory, a[0], a[1], MAX_NAME_BYTES, "call_builtin contract"), "call_builtin contract");
        String function = text(read(instance, memory, a[2], a[3], MAX_NAME_BYTES, "call_builtin function"), "call_builtin function");
        byte[] encoded = read(instance, memory, a[4], a[5], MAX_VALUE_BYTES, "call_builtin args");
        List<byte[]> builtinArgs = decodeArgs(encoded);
        byte[] result = host.callBuiltin(contract, function, builtinArgs);
        builtinResult = result == null ? new byte[0] : result;
        return writeOut(instance, memory, builtinResult, a[6], a[7]);
    }

    /** u32 count, then per argument u32 length and bytes (little-endian). */
    private static List<byte[]> decodeArgs(byte[] encoded) {
        ByteBuffer b = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int count = b.getInt();
            if (count < 0 || count > MAX_BUILTIN_ARGS) {
                throw new HostMisuseException("call_builtin: " + count + " arguments, at most " + MAX_BUILTIN_ARGS);
            }
            List<byte[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int len = b.getInt();
                if (len < 0 || len > b.remaining()) {
                    throw new HostMisuseException("call_builtin: argument " + i + " runs past the encoded arguments");
                }
                byte[] arg = new byte[len];
                b.get(arg);
                out.add(arg);
            }
            if (b.hasRemaining()) {
                throw new HostMisuseException("call_builtin: bytes after the last argument");
            }
            return out;
        } catch (java.nio.BufferUnderflowException e) {
            throw new HostMisuseException("call_builtin: truncated argument encoding");
        }
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] b) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        out.writeBytes(b);
    }

    private static void requireKey(byte[] key, String what) {
        if (key.length == 0) {
            throw new HostMisuseException(what + ": the key is empty");
        }
    }

    /** Reads {@code len} bytes at {@code ptr}, refusing ranges outside memory or longer than {@code max}. */
    private byte[] read(Instance instance, Memory memory, long ptr, long len, int max, String what) {
        long p = ptr & 0xFFFFFFFFL;
        long n = len & 0xFFFFFFFFL;
        if (n > max) {
            throw new HostMisuseException(what + ": " + n + " bytes, at most " + max);
        }
        checkBounds(memory, p, n, what);
        charge(instance, n);
        return memory.readBytes((int) p, (int) n);
    }

    /**
     * Writes min(data, cap) bytes at buf; returns data's full length. Charges for the full length: asking for the
     * length only (cap 0) made the host do the same work (a range, a built-in call).
     */
    private int writeOut(Instance instance, Memory memory, byte[] data, long buf, long cap) {
        long p = buf & 0xFFFFFFFFL;
        long c = cap & 0xFFFFFFFFL;
        int n = (int) Math.min(data.length, c);
        checkBounds(memory, p, n, "output buffer");
        charge(instance, data.length);
        memory.write((int) p, data, 0, n);
        return data.length;
    }

    private static void checkBounds(Memory memory, long ptr, long len, String what) {
        long size = (long) memory.pages() * Memory.PAGE_SIZE;
        if (ptr + len > size) {
            throw new HostMisuseException(what + ": bytes [" + ptr + ", " + (ptr + len) + ") are outside the memory of "
                    + size + " bytes");
        }
    }

    /** Burns host-call fuel; running out here ends the call exactly like running out in wasm code. */
    private void charge(Instance instance, long amount) {
        var fuel = instance.global(fuelGlobal);
        long left = fuel.getValue() - amount;
        fuel.setValue(left);
        if (left < 0) {
            instance.global(statusGlobal).setValue(ModuleInstrumenter.STATUS_OUT_OF_FUEL);
            throw new TrapException("out of fuel in a host call");
        }
    }

    private static long[] i32(int v) {
        return new long[] {v};
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new HostMisuseException(what + " is not UTF-8");
        }
    }
}
