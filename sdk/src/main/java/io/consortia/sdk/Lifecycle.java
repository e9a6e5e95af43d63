package io.consortia.sdk;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.FunctionRule;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.LifecycleRecords;
import io.consortia.protocol.v1.ProposalStatus;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The lifecycle of user (WebAssembly) contracts on a channel, through the system contract
 * {@code _lifecycle} (docs/wasm-contracts.md): install the module, propose a definition, have each
 * organisation's admin approve it, commit it; later upgrade, freeze, unfreeze or revoke it the same way.
 * Every step is a transaction created by the gateway's identity, so each organisation approves through
 * a gateway connected with one of its ADMIN identities (certificate OU=admin); a non-admin's step is
 * refused with LIFECYCLE_NOT_ADMIN. Refused steps throw {@link CommitException} or
 * {@link SubmitException} with their code (LIFECYCLE_POLICY_NOT_MET, INVALID_MODULE, ...).
 *
 * <pre>{@code
 * Lifecycle org1 = Lifecycle.of(org1AdminGateway.channel("main"));
 * String code = org1.install(Files.readAllBytes(Path.of("counter.wasm")));
 * String digest = org1.propose(Lifecycle.definition("counter", "1.0", 1, code).build());
 * org1.approve("counter", 1, digest);
 * Lifecycle.of(org2AdminGateway.channel("main")).approve("counter", 1, digest);
 * org1.commit("counter", 1, digest);                      // MAJORITY of 3 organisations: 2 approvals
 * channel.contract("counter").submit("inc");
 *
 * String upgrade = org1.upgrade("counter", "2.0", org1.install(v2Module));   // then approve and commit sequence 2
 * }</pre>
 */
public final class Lifecycle {
    /** The name of the lifecycle system contract. */
    public static final String CONTRACT = "_lifecycle";

    private final Contract lifecycle;

    private Lifecycle(Channel channel) {
        this.lifecycle = Objects.requireNonNull(channel, "channel").contract(CONTRACT);
    }

    public static Lifecycle of(Channel channel) {
        return new Lifecycle(channel);
    }

    /**
     * A first definition (ACTIVE, policy MAJORITY, any member may call any function) to adjust, e.g. with
     * {@code .setPolicy(ChangePolicy.ALL)} or {@link #rule}.
     */
    public static ContractDefinition.Builder definition(String name, String version, long sequence, String codeHashHex) {
        return ContractDefinition.newBuilder()
                .setName(name)
                .setVersion(version)
                .setSequence(sequence)
                .setCodeHash(ByteString.copyFrom(HexFormat.of().parseHex(codeHashHex)))
                .setPolicy(ChangePolicy.MAJORITY)
                .setStatus(ContractStatus.ACTIVE);
    }

    /** Who may call {@code function}: these organisations (empty: any) with certificates of these roles (empty: any). */
    public static FunctionRule rule(String function, List<String> organizations, List<String> roles) {
        return FunctionRule.newBuilder().setFunction(function).addAllOrganizations(organizations).addAllRoles(roles).build();
    }

    /** Stores the module on the channel (idempotent); returns its hash (hex), which definitions name. */
    public String install(byte[] module) {
        return text(lifecycle.submit("install", module));
    }

    /** Proposes a definition; returns its digest, which approvals and the commit name. */
    public String propose(ContractDefinition definition) {
        return text(lifecycle.submit("propose", definition.toByteArray()));
    }

    /** Approves a proposal for the gateway identity's organisation; returns how many organisations approved so far. */
    public int approve(String name, long sequence, String digest) {
        return Integer.parseInt(text(lifecycle.submit("approve", name, Long.toString(sequence), digest)));
    }

    /**
     * Declines a proposal for the gateway identity's organisation, with a reason (1-500 characters) recorded
     * on chain; withdraws the organisation's approval if it had given one. Returns how many organisations
     * declined so far.
     */
    public int decline(String name, long sequence, String digest, String reason) {
        return Integer.parseInt(text(lifecycle.submit("decline", name, Long.toString(sequence), digest, reason)));
    }

    /** Commits an approved proposal: from the next transaction on, calls run under it. */
    public LifecycleRecord commit(String name, long sequence, String digest) {
        SubmitResult result = lifecycle.submit("commit", name, Long.toString(sequence), digest);
        return parse(result.result(), LifecycleRecord.parser());
    }

    /** Proposes the committed definition with new code and version (sequence + 1, same rules and policy); returns the digest. */
    public String upgrade(String name, String version, String codeHashHex) {
        return propose(next(name)
                .setVersion(version)
                .setCodeHash(ByteString.copyFrom(HexFormat.of().parseHex(codeHashHex)))
                .setStatus(ContractStatus.ACTIVE)
                .build());
    }

    /** Proposes freezing the contract (calls refused with CONTRACT_FROZEN, state kept); returns the digest. */
    public String freeze(String name) {
        return propose(next(name).setStatus(ContractStatus.FROZEN).build());
    }

    /** Proposes making a frozen contract ACTIVE again; returns the digest. */
    public String unfreeze(String name) {
        return propose(next(name).setStatus(ContractStatus.ACTIVE).build());
    }

    /** Proposes revoking the contract for good (calls refused with CONTRACT_REVOKED); returns the digest. */
    public String revoke(String name) {
        return propose(next(name).setStatus(ContractStatus.REVOKED).build());
    }

    /** The committed definition in force, with the approvals that committed it. */
    public LifecycleRecord definition(String name) {
        return parse(lifecycle.evaluate("definition", name), LifecycleRecord.parser());
    }

    /** Every committed definition in force on the channel, by name. */
    public List<LifecycleRecord> definitions() {
        return parse(lifecycle.evaluate("definitions"), LifecycleRecords.parser()).getRecordsList();
    }

    /** A proposal with its approvals and declines so far, how many approvals the policy needs now and whether it can still pass. */
    public ProposalStatus proposal(String name, long sequence, String digest) {
        return parse(lifecycle.evaluate("proposal", name, Long.toString(sequence), digest), ProposalStatus.parser());
    }

    /** Every committed definition of a contract, by sequence. */
    public List<LifecycleRecord> history(String name) {
        return parse(lifecycle.evaluate("history", name), LifecycleRecords.parser()).getRecordsList();
    }

    /** The committed definition with the next sequence number, to change. */
    private ContractDefinition.Builder next(String name) {
        ContractDefinition current = definition(name).getDefinition();
        return current.toBuilder().setSequence(current.getSequence() + 1);
    }

    private static String text(SubmitResult result) {
        return new String(result.result(), StandardCharsets.UTF_8);
    }

    private static <T> T parse(byte[] bytes, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the node answered a lifecycle query with bytes that are not its message", e);
        }
    }
}
