package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Certificates;
import io.consortia.node.contracts.ContractException;
import io.consortia.node.contracts.lifecycle.LifecycleContext;
import io.consortia.node.contracts.wasm.RawState;
import io.consortia.protocol.v1.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The {@link io.consortia.node.contracts.ContractContext} of one call, also the lifecycle contract's
 * {@link LifecycleContext} and a WebAssembly contract's {@link RawState} (the same namespace, by raw keys). Keys are namespaced as
 * {@code UTF-8(contract name) 0x00 UTF-8(key)}: contract names cannot contain 0x00, so no
 * contract can reach another's keys. Writes go to an {@link OverlayState} (or are refused
 * when read-only); events are collected for the block.
 */
final class TransactionContext implements LifecycleContext, RawState {
    private final String channel;
    private final String transactionId;
    private final String creatorOrganization;
    private final String creatorName;
    private final Membership members;
    private final Optional<CertificateRole> creatorRole;
    private final long timestampMillis;
    private final long blockNumber;
    private final byte[] namespace;
    private final StateView reads;
    private final OverlayState writes; // null when read-only
    private final List<Event> events = new ArrayList<>();

    private TransactionContext(String channel, String transactionId, String creatorOrganization, String creatorName,
            Optional<CertificateRole> creatorRole, Membership members, long timestampMillis, long blockNumber, String contract, StateView reads,
            OverlayState writes) {
        this.channel = channel;
        this.transactionId = transactionId;
        this.creatorOrganization = creatorOrganization;
        this.creatorName = creatorName;
        this.creatorRole = creatorRole;
        this.members = Objects.requireNonNull(members, "members");
        this.timestampMillis = timestampMillis;
        this.blockNumber = blockNumber;
        this.namespace = (contract + "\0").getBytes(StandardCharsets.UTF_8);
        this.reads = reads;
        this.writes = writes;
    }

    /** @param members the channel's member organisations */
    static TransactionContext writable(Screened tx, String channel, Membership members, long blockNumber,
            OverlayState state) {
        return new TransactionContext(channel, tx.id(), tx.payload().getCreator().getOrganization(),
                tx.creator().commonName(), role(tx), members, tx.payload().getTimestampMillis(), blockNumber,
                tx.payload().getContract(), state, state);
    }

    static TransactionContext readOnly(Screened tx, String channel, Membership members, long blockNumber,
            StateView state) {
        return new TransactionContext(channel, tx.id(), tx.payload().getCreator().getOrganization(),
                tx.creator().commonName(), role(tx), members, tx.payload().getTimestampMillis(), blockNumber,
                tx.payload().getContract(), state, null);
    }

    /**
     * The same transaction and creator in {@code contract}'s namespace over the same state (a built-in
     * called by a WebAssembly contract); read-only when {@code readOnly} or when this context is.
     */
    TransactionContext forContract(String contract, boolean readOnly) {
        return new TransactionContext(channel, transactionId, creatorOrganization, creatorName, creatorRole, members,
                timestampMillis, blockNumber, contract, reads, readOnly ? null : writes);
    }

    /** The role named in the creator's certificate (the same on every node: it is in the certificate). */
    static Optional<CertificateRole> role(Screened tx) {
        try {
            return Certificates.role(tx.creator().certificate());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Events emitted so far, in order. */
    List<Event> events() {
        return events;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String transactionId() {
        return transactionId;
    }

    @Override
    public String creatorOrganization() {
        return creatorOrganization;
    }

    @Override
    public String creatorName() {
        return creatorName;
    }

    @Override
    public boolean isChannelMember(String organization) {
        return organization != null && members.isMember(organization);
    }

    @Override
    public Optional<CertificateRole> creatorRole() {
        return creatorRole;
    }

    @Override
    public Set<String> channelOrganizations() {
        return java.util.Collections.unmodifiableSet(new TreeSet<>(members.organizations()));
    }

    @Override
    public long timestampMillis() {
        return timestampMillis;
    }

    @Override
    public long blockNumber() {
        return blockNumber;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return reads.get(stateKey(key));
    }

    @Override
    public void put(String key, byte[] value) {
        Objects.requireNonNull(value, "value");
        writable("put").put(stateKey(key), value);
    }

    @Override
    public void delete(String key) {
        writable("delete").delete(stateKey(key));
    }

    @Override
    public void forEach(String prefix, BiPredicate<String, byte[]> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        reads.forEach(stateKey(prefix), (key, value) -> visitor.test(
                new String(key, namespace.length, key.length - namespace.length, StandardCharsets.UTF_8), value));
    }

    @Override
    public void emit(String event, byte[] payload) {
        Objects.requireNonNull(event, "event");
        writable("emit");
        events.add(Event.newBuilder().setName(event).setPayload(ByteString.copyFrom(payload == null ? new byte[0] : payload)).build());
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        return reads.get(stateKey(key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value");
        writable("put").put(stateKey(key), value);
    }

    @Override
    public void delete(byte[] key) {
        writable("delete").delete(stateKey(key));
    }

    @Override
    public void forEach(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        reads.forEach(stateKey(prefix), (key, value) -> visitor.test(
                java.util.Arrays.copyOfRange(key, namespace.length, key.length), value));
    }

    private OverlayState writable(String operation) {
        if (writes == null) {
            throw new ContractException(operation + " is not allowed in a read-only call");
        }
        return writes;
    }

    private byte[] stateKey(String key) {
        return stateKey(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8));
    }

    private byte[] stateKey(byte[] suffix) {
        Objects.requireNonNull(suffix, "key");
        byte[] out = new byte[namespace.length + suffix.length];
        System.arraycopy(namespace, 0, out, 0, namespace.length);
        System.arraycopy(suffix, 0, out, namespace.length, suffix.length);
        return out;
    }
}
