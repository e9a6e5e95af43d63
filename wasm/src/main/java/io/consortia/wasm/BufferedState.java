package io.consortia.wasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The call's writes and events, kept apart from the host until the call ends OK: this is what makes "no state
 * change" hold for every other outcome. Reads see the host's state overlaid with the call's own writes.
 */
final class BufferedState {
    private static final byte[] DELETED = new byte[0];

    private final ContractHost host;
    /** Key to value; {@link #DELETED} (by identity) marks a delete. */
    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
    private final List<CallResult.Event> events = new ArrayList<>();

    BufferedState(ContractHost host) {
        this.host = host;
    }

    byte[] get(byte[] key) {
        byte[] v = writes.get(key);
        if (v != null) {
            return v == DELETED ? null : v;
        }
        return host.get(key);
    }

    void put(byte[] key, byte[] value) {
        writes.put(key, value.length == 0 ? new byte[0] : value);
    }

    void delete(byte[] key) {
        writes.put(key, DELETED);
    }

    void emit(String name, byte[] payload) {
        events.add(new CallResult.Event(name, payload));
    }

    List<ContractHost.StateEntry> range(byte[] start, byte[] end, int limit) {
        Map<byte[], byte[]> local = writes.subMap(start, true, end, false);
        // each buffered delete may hide one host entry, so ask the host for that many more
        long deletes = local.values().stream().filter(v -> v == DELETED).count();
        TreeMap<byte[], byte[]> merged = new TreeMap<>(Arrays::compareUnsigned);
        for (ContractHost.StateEntry e : host.range(start, end, (int) Math.min(Integer.MAX_VALUE, limit + deletes))) {
            merged.put(e.key(), e.value());
        }
        local.forEach((k, v) -> {
            if (v == DELETED) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        List<ContractHost.StateEntry> out = new ArrayList<>(Math.min(limit, merged.size()));
        for (Map.Entry<byte[], byte[]> e : merged.entrySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(new ContractHost.StateEntry(e.getKey(), e.getValue()));
        }
        return out;
    }

    List<CallResult.Write> writes() {
        List<CallResult.Write> out = new ArrayList<>(writes.size());
        writes.forEach((k, v) -> out.add(new CallResult.Write(k, v == DELETED ? null : v)));
        return out;
    }

    List<CallResult.Event> events() {
        return List.copyOf(events);
    }

    /** Hands the writes (key order) and events (emission order) to the host. */
    void commit() {
        writes.forEach((k, v) -> {
            if (v == DELETED) {
                host.delete(k);
            } else {
                host.put(k, v);
            }
        });
        events.forEach(e -> host.emitEvent(e.name(), e.payload()));
    }
}
