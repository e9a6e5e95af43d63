package io.consortia.wasm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A ContractHost over a sorted map, for tests: what the node will do over its ledger, minus the namespacing. */
class InMemoryContractHost implements ContractHost {
    final TreeMap<byte[], byte[]> state = new TreeMap<>(Arrays::compareUnsigned);
    final List<CallResult.Event> events = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    String organisation = "Org1";
    String certificateId = "cert-1";
    String transactionId = "tx-1";
    long timestamp = 1_700_000_000_000L;

    InMemoryContractHost as(String org) {
        this.organisation = org;
        this.certificateId = "cert-" + org;
        return this;
    }

    String get(String key) {
        byte[] v = state.get(key.getBytes(StandardCharsets.UTF_8));
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** A copy of the state, keys and values as strings, for comparing states. */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        state.forEach((k, v) -> out.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Override
    public byte[] get(byte[] key) {
        return state.get(key);
    }

    @Override
    public List<StateEntry> range(byte[] startInclusive, byte[] endExclusive, int limit) {
        List<StateEntry> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : state.subMap(startInclusive, true, endExclusive, false).entrySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(new StateEntry(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        state.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        state.remove(key);
    }

    @Override
    public String callerOrganisation() {
        return organisation;
    }

    @Override
    public String callerCertificateId() {
        return certificateId;
    }

    @Override
    public String transactionId() {
        return transactionId;
    }

    @Override
    public long timestampMillis() {
        return timestamp;
    }

    @Override
    public void emitEvent(String name, byte[] payload) {
        events.add(new CallResult.Event(name, payload));
    }

    @Override
    public void log(LogLevel level, String message) {
        logs.add(level + " " + message);
    }

    @Override
    public byte[] callBuiltin(String contract, String function, List<byte[]> args) {
        throw new ContractRejectedException("no built-in contracts in this test host");
    }
}
