package io.consortia.node.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * A {@link ContractContext} over a sorted map, for unit tests of contracts. Defaults: channel
 * "ch" with members Org1, Org2 and Org3, creator user1 of Org1, transaction "tx-1" at
 * timestamp 1000 in block 1. The state
 * survives {@link #as} and {@link #nextTransaction}, like consecutive transactions.
 */
final class FakeContractContext implements ContractContext {
    private final TreeMap<String, byte[]> state = new TreeMap<>((a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8)));
    private final List<String> events = new ArrayList<>();
    private String organization = "Org1";
    private String name = "user1";
    private int transaction = 1;
    private boolean readOnly;
    private java.util.Set<String> members = java.util.Set.of("Org1", "Org2", "Org3");

    /** The next calls come from another creator. */
    FakeContractContext as(String organization, String name) {
        this.organization = organization;
        this.name = name;
        return this;
    }

    /** The channel's member organisations from now on. */
    FakeContractContext members(String... organizations) {
        this.members = java.util.Set.of(organizations);
        return this;
    }

    FakeContractContext nextTransaction() {
        transaction++;
        return this;
    }

    FakeContractContext readOnly(boolean value) {
        this.readOnly = value;
        return this;
    }

    Map<String, byte[]> state() {
        return state;
    }

    List<String> events() {
        return events;
    }

    static List<ByteString> args(String... values) {
        return Arrays.stream(values).map(ByteString::copyFromUtf8).toList();
    }

    @Override
    public String channel() {
        return "ch";
    }

    @Override
    public String transactionId() {
        return "tx-" + transaction;
    }

    @Override
    public String creatorOrganization() {
        return organization;
    }

    @Override
    public String creatorName() {
        return name;
    }

    @Override
    public boolean isChannelMember(String organization) {
        return members.contains(organization);
    }

    @Override
    public long timestampMillis() {
        return 1000L * transaction;
    }

    @Override
    public long blockNumber() {
        return transaction;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(state.get(key)).map(byte[]::clone);
    }

    @Override
    public void put(String key, byte[] value) {
        checkWritable();
        state.put(key, value.clone());
    }

    @Override
    public void delete(String key) {
        checkWritable();
        state.remove(key);
    }

    @Override
    public void forEach(String prefix, BiPredicate<String, byte[]> visitor) {
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(state.tailMap(prefix, true)).entrySet()) {
            if (!entry.getKey().startsWith(prefix) || !visitor.test(entry.getKey(), entry.getValue().clone())) {
                return;
            }
        }
    }

    @Override
    public void emit(String event, byte[] payload) {
        checkWritable();
        events.add(event);
    }

    private void checkWritable() {
        if (readOnly) {
            throw new ContractException("read-only");
        }
    }
}
