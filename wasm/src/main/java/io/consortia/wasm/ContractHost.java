package io.consortia.wasm;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a running contract may see and do, implemented by the node for one transaction (docs/wasm-contracts.md).
 *
 * <p>Keys are relative to the contract's own state namespace: the node prefixes them, so a contract cannot read or
 * write another contract's state. Keys order as unsigned bytes. The engine buffers the contract's writes and events
 * and hands them to {@link #put}, {@link #delete} and {@link #emitEvent} only when the call ends {@code OK}, in key
 * order for writes and emission order for events; after any other outcome the host has seen no write.
 * Reads ({@link #get}, {@link #range}) see the state before the call; the engine overlays the call's own writes.
 */
public interface ContractHost {

    /** The committed value, or null. */
    byte[] get(byte[] key);

    /** Up to {@code limit} entries with {@code startInclusive <= key < endExclusive}, in key order. */
    List<StateEntry> range(byte[] startInclusive, byte[] endExclusive, int limit);

    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /** The calling organisation (MSP id). */
    String callerOrganisation();

    /** The id of the caller's certificate (e.g. its fingerprint). */
    String callerCertificateId();

    String transactionId();

    /** The transaction's timestamp in milliseconds since the epoch: the same on every node, unlike a clock. */
    long timestampMillis();

    void emitEvent(String name, byte[] payload);

    /** A log line of the contract; not part of the state or the result, so it happens even if the call fails. */
    void log(LogLevel level, String message);

    /**
     * The form the engine calls: {@code message} escapes the contract's text only when invoked, so a host that drops
     * the line (logging off, or a contract over its share) does no work for it. A contract pays fuel per byte whether
     * or not its line is written; making the line must not cost the node more than that.
     */
    default void log(LogLevel level, Supplier<String> message) {
        log(level, message.get());
    }

    /**
     * Calls a built-in (Java) contract. Throw {@link ContractRejectedException} to refuse; the calling contract then
     * ends {@code REJECTED} ({@code NOT_FOUND} for {@link ContractRejectedException#notFound}). Its writes are the
     * node's to buffer with the transaction's.
     */
    byte[] callBuiltin(String contract, String function, List<byte[]> args);

    /** A state entry returned by {@link #range}. */
    record StateEntry(byte[] key, byte[] value) {
    }

    /** Levels of {@code consortia.log}: 0 debug, 1 info, 2 warn, 3 error. */
    enum LogLevel {
        DEBUG, INFO, WARN, ERROR
    }
}
