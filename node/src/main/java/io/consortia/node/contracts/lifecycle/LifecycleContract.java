package io.consortia.node.contracts.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.node.contracts.Contract;
import io.consortia.node.contracts.ContractContext;
import io.consortia.node.contracts.ContractException;
import io.consortia.node.contracts.RecordNotFoundException;
import io.consortia.node.governance.PolicyCount;
import io.consortia.protocol.v1.Approval;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.Decline;
import io.consortia.protocol.v1.FunctionRule;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.LifecycleRecords;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The system contract {@value #NAME}: user contracts' code and definitions, agreed on chain
 * (contracts.proto explains the messages; docs/wasm-contracts.md the flow).
 *
 * <p>Every change of a contract — its first definition, an upgrade, freeze, unfreeze, revoke — is a
 * whole new {@link ContractDefinition} with the next sequence number, proposed by an admin, approved
 * by admins of the channel's organisations (one approval per organisation) and committed once the
 * approvals meet the policy. An organisation that objects declines instead, with a reason; once the
 * organisations that have not declined are too few for the policy, the proposal is dead and cannot
 * commit. Proposals are identified by their digest (H of the serialized
 * definition), so an approval is for exactly one content and several competing proposals of the same
 * sequence can coexist until one commits and makes the others stale.
 *
 * <p>Modules are validated by the engine when a definition naming them commits, not at install: a
 * module nobody commits never costs a compilation, and a commit of a bad module is INVALID_MODULE
 * and changes nothing.
 */
public final class LifecycleContract implements Contract {
    public static final String NAME = "_lifecycle";

    static final Set<String> WRITES = Set.of("install", "propose", "approve", "decline", "commit");
    static final Set<String> QUERIES = Set.of("definition", "definitions", "proposal", "history");

    private static final Pattern USER_NAME = Pattern.compile("[a-z0-9.-][a-z0-9_.-]{0,63}");
    private static final int MAX_VERSION_LENGTH = 64;
    /** Longest decline reason, in Unicode code points (the platform's form allows as many). */
    public static final int MAX_REASON_LENGTH = 500;

    private final HashFunction hash;
    private final Predicate<String> builtIn;
    private final Function<byte[], Optional<String>> moduleValidator;

    /**
     * @param hash            the channel's hash function (code hashes, proposal digests)
     * @param builtIn         whether a name is a built-in contract's (those names cannot be defined)
     * @param moduleValidator the engine's verdict on a module: empty when accepted, else why not
     */
    public LifecycleContract(HashFunction hash, Predicate<String> builtIn, Function<byte[], Optional<String>> moduleValidator) {
        this.hash = Objects.requireNonNull(hash, "hash");
        this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
        this.moduleValidator = Objects.requireNonNull(moduleValidator, "moduleValidator");
    }

    /** Whether {@code name} may name a user contract: the built-ins' syntax, not starting with '_'. */
    public static boolean isUserContractName(String name) {
        return name != null && USER_NAME.matcher(name).matches();
    }

    public static boolean hasLifecycleFunction(String function) {
        return WRITES.contains(function) || QUERIES.contains(function);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hasFunction(String function) {
        return hasLifecycleFunction(function);
    }

    @Override
    public boolean isReadOnly(String function) {
        return QUERIES.contains(function);
    }

    @Override
    public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
        if (!(context instanceof LifecycleContext lifecycle)) {
            throw new IllegalStateException("the lifecycle contract needs a LifecycleContext");
        }
        return switch (function) {
            case "install" -> install(lifecycle, args);
            case "propose" -> propose(lifecycle, args);
            case "approve" -> approve(lifecycle, args);
            case "decline" -> decline(lifecycle, args);
            case "commit" -> commit(lifecycle, args);
            case "definition" -> definition(lifecycle, args);
            case "definitions" -> definitions(lifecycle, args);
            case "proposal" -> proposal(lifecycle, args);
            case "history" -> history(lifecycle, args);
            default -> throw new ContractException("contract " + NAME + " has no function '" + function + "'");
        };
    }

    // ---- steps

    private byte[] install(LifecycleContext ctx, List<ByteString> args) {
        requireAdmin(ctx, "install");
        count("install", args, 1, "install(module bytes)");
        byte[] code = args.get(0).toByteArray();
        if (code.length == 0) {
            throw invalid("install: the module is empty");
        }
        String codeHash = Hashes.hex(hash.digest(code));
        if (ctx.get(LifecycleKeys.code(codeHash)).isEmpty()) {
            ctx.put(LifecycleKeys.code(codeHash), code);
            ctx.emit("lifecycle.installed", codeHash.getBytes(StandardCharsets.UTF_8));
        }
        return codeHash.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] propose(LifecycleContext ctx, List<ByteString> args) {
        requireAdmin(ctx, "propose");
        count("propose", args, 1, "propose(serialized ContractDefinition)");
        ContractDefinition definition;
        try {
            definition = ContractDefinition.parseFrom(args.get(0));
        } catch (InvalidProtocolBufferException e) {
            throw invalid("propose: the argument is not a serialized ContractDefinition");
        }
        checkDefinition(definition);
        Optional<LifecycleRecord> current = committed(ctx, definition.getName());
        checkNext(current, definition.getName(), definition.getSequence());
        checkTransition(current, definition);
        if (ctx.get(LifecycleKeys.code(Hashes.hex(definition.getCodeHash().toByteArray()))).isEmpty()) {
            throw invalid("propose: no module with hash " + Hashes.hex(definition.getCodeHash().toByteArray())
                    + " is installed on this channel; install it first");
        }
        String digest = digest(definition);
        String key = LifecycleKeys.proposal(definition.getName(), definition.getSequence(), digest);
        if (ctx.get(key).isPresent()) {
            throw invalid("propose: this definition (digest " + digest + ") is already proposed; approve it");
        }
        ctx.put(key, ProposalStatus.newBuilder()
                .setDefinition(definition)
                .setDigest(digest)
                .setProposerOrganization(ctx.creatorOrganization())
                .setProposalTransactionId(ctx.transactionId())
                .build().toByteArray());
        if (ctx.get(LifecycleKeys.proposed(definition.getName())).isEmpty()) {
            ctx.put(LifecycleKeys.proposed(definition.getName()), new byte[] {1});
        }
        ctx.emit("lifecycle.proposed", event(definition.getName(), definition.getSequence(), digest));
        return digest.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] approve(LifecycleContext ctx, List<ByteString> args) {
        requireAdmin(ctx, "approve");
        ProposalRef ref = ProposalRef.of("approve", args);
        ProposalStatus proposal = pending(ctx, ref);
        for (Approval approval : proposal.getApprovalsList()) {
            if (approval.getOrganization().equals(ctx.creatorOrganization())) {
                throw new LifecycleException(ValidationCode.LIFECYCLE_ALREADY_APPROVED, "approve: organization '"
                        + ctx.creatorOrganization() + "' already approved this proposal (transaction "
                        + approval.getTransactionId() + ")");
            }
        }
        List<Approval> approvals = new ArrayList<>(proposal.getApprovalsList());
        approvals.add(Approval.newBuilder()
                .setOrganization(ctx.creatorOrganization())
                .setApprover(ctx.creatorName())
                .setTransactionId(ctx.transactionId())
                .build());
        approvals.sort(Comparator.comparing(Approval::getOrganization));
        // an organisation that declined and now approves has changed its mind: its decline no longer stands
        List<Decline> declines = proposal.getDeclinesList().stream()
                .filter(d -> !d.getOrganization().equals(ctx.creatorOrganization())).toList();
        ctx.put(ref.key(), proposal.toBuilder().clearApprovals().addAllApprovals(approvals)
                .clearDeclines().addAllDeclines(declines).build().toByteArray());
        ctx.emit("lifecycle.approved", event(ref.name, ref.sequence, ref.digest));
        return Integer.toString(approvals.size()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The caller's organisation objects to a proposal, with a reason everyone can read. An organisation's
     * latest word counts: declining withdraws its approval, approving later withdraws its decline, so an
     * organisation that changes its mind is never stuck with its first answer, and the proposal never
     * counts one organisation on both sides. A second decline is refused rather than replacing the reason,
     * so the recorded reason is the one the other organisations read when they decided.
     */
    private byte[] decline(LifecycleContext ctx, List<ByteString> args) {
        requireAdmin(ctx, "decline");
        count("decline", args, 4, "decline(name, sequence, digest, reason)");
        ProposalRef ref = ProposalRef.of("decline", args.subList(0, 3));
        String reason = string(args.get(3)).strip();
        int length = reason.codePointCount(0, reason.length());
        if (length == 0 || length > MAX_REASON_LENGTH) {
            throw invalid("decline: the reason must be 1-" + MAX_REASON_LENGTH + " characters, was " + length);
        }
        ProposalStatus proposal = pending(ctx, ref);
        for (Decline decline : proposal.getDeclinesList()) {
            if (decline.getOrganization().equals(ctx.creatorOrganization())) {
                throw invalid("decline: organization '" + ctx.creatorOrganization()
                        + "' already declined this proposal (transaction " + decline.getTransactionId() + ")");
            }
        }
        List<Decline> declines = new ArrayList<>(proposal.getDeclinesList());
        declines.add(Decline.newBuilder()
                .setOrganization(ctx.creatorOrganization())
                .setApprover(ctx.creatorName())
                .setReason(reason)
                .setTransactionId(ctx.transactionId())
                .build());
        declines.sort(Comparator.comparing(Decline::getOrganization));
        List<Approval> approvals = proposal.getApprovalsList().stream()
                .filter(a -> !a.getOrganization().equals(ctx.creatorOrganization())).toList();
        ctx.put(ref.key(), proposal.toBuilder().clearApprovals().addAllApprovals(approvals)
                .clearDeclines().addAllDeclines(declines).build().toByteArray());
        ctx.emit("lifecycle.declined", event(ref.name, ref.sequence, ref.digest));
        return Integer.toString(declines.size()).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] commit(LifecycleContext ctx, List<ByteString> args) {
        requireAdmin(ctx, "commit");
        ProposalRef ref = ProposalRef.of("commit", args);
        ProposalStatus proposal = pending(ctx, ref);
        Optional<LifecycleRecord> current = committed(ctx, ref.name);
        ContractDefinition next = proposal.getDefinition();
        // the definition in force decides who must agree to its successor; the first one, its own policy
        ContractDefinition governing = current.map(LifecycleRecord::getDefinition).orElse(next);
        Set<String> organizations = ctx.channelOrganizations();
        List<Approval> counted = proposal.getApprovalsList().stream()
                .filter(a -> organizations.contains(a.getOrganization())).toList();
        int required = PolicyCount.required(governing.getPolicy(), organizations.size());
        int open = undeclined(proposal, organizations);
        if (open < required) {
            throw new LifecycleException(ValidationCode.LIFECYCLE_POLICY_NOT_MET, "commit: the proposal can no longer"
                    + " pass: " + (organizations.size() - open) + " of the channel's " + organizations.size()
                    + " organizations declined it (" + declinedBy(proposal, organizations) + "); policy "
                    + PolicyCount.effective(governing.getPolicy()) + " needs " + required + " approvals");
        }
        if (counted.size() < required) {
            throw new LifecycleException(ValidationCode.LIFECYCLE_POLICY_NOT_MET, "commit: " + counted.size()
                    + " of the channel's " + organizations.size() + " organizations approved; policy "
                    + PolicyCount.effective(governing.getPolicy()) + " needs " + required);
        }
        String codeHash = Hashes.hex(next.getCodeHash().toByteArray());
        if (next.getStatus() == ContractStatus.ACTIVE) {
            byte[] code = ctx.get(LifecycleKeys.code(codeHash))
                    .orElseThrow(() -> invalid("commit: module " + codeHash + " is not installed"));
            Optional<String> refused = moduleValidator.apply(code);
            if (refused.isPresent()) {
                throw new LifecycleException(ValidationCode.INVALID_MODULE, "commit: module " + codeHash
                        + " is refused: " + refused.get());
            }
        }
        LifecycleRecord record = LifecycleRecord.newBuilder()
                .setDefinition(next)
                .setDigest(ref.digest)
                .addAllApprovals(counted)
                .setCommitTransactionId(ctx.transactionId())
                .setBlockNumber(ctx.blockNumber())
                .build();
        ctx.put(LifecycleKeys.definition(ref.name), record.toByteArray());
        ctx.put(LifecycleKeys.history(ref.name, ref.sequence), record.toByteArray());
        ctx.put(ref.key(), proposal.toBuilder().setCommitted(true).build().toByteArray());
        ctx.emit("lifecycle.committed", event(ref.name, ref.sequence, ref.digest));
        return record.toByteArray();
    }

    // ---- queries

    private byte[] definition(LifecycleContext ctx, List<ByteString> args) {
        count("definition", args, 1, "definition(name)");
        String name = string(args.get(0));
        return committed(ctx, name).orElseThrow(() -> new ContractException("definition: no committed definition of '"
                + abbreviate(name) + "'")).toByteArray();
    }

    private byte[] definitions(LifecycleContext ctx, List<ByteString> args) {
        count("definitions", args, 0, "definitions()");
        LifecycleRecords.Builder out = LifecycleRecords.newBuilder();
        ctx.forEach(LifecycleKeys.DEFINITION, (key, value) -> {
            out.addRecords(parseRecord(value));
            return true;
        });
        return out.build().toByteArray();
    }

    private byte[] proposal(LifecycleContext ctx, List<ByteString> args) {
        ProposalRef ref = ProposalRef.of("proposal", args);
        ProposalStatus proposal = ctx.get(ref.key()).map(LifecycleContract::parseProposal)
                .orElseThrow(() -> new RecordNotFoundException("proposal: no proposal " + ref));
        ContractDefinition governing = committed(ctx, ref.name).map(LifecycleRecord::getDefinition)
                .orElse(proposal.getDefinition());
        Set<String> organizations = ctx.channelOrganizations();
        int required = PolicyCount.required(governing.getPolicy(), organizations.size());
        return proposal.toBuilder()
                .setRequired(required)
                .setDead(!proposal.getCommitted() && undeclined(proposal, organizations) < required)
                .build().toByteArray();
    }

    private byte[] history(LifecycleContext ctx, List<ByteString> args) {
        count("history", args, 1, "history(name)");
        String name = string(args.get(0));
        LifecycleRecords.Builder out = LifecycleRecords.newBuilder();
        ctx.forEach(LifecycleKeys.historyPrefix(name), (key, value) -> {
            out.addRecords(parseRecord(value));
            return true;
        });
        return out.build().toByteArray();
    }

    // ---- rules

    private void checkDefinition(ContractDefinition d) {
        if (!isUserContractName(d.getName())) {
            throw invalid("propose: contract name must be 1-64 characters of [a-z0-9_.-], not starting with '_': '"
                    + abbreviate(d.getName()) + "'");
        }
        if (builtIn.test(d.getName())) {
            throw invalid("propose: '" + d.getName() + "' is a built-in contract");
        }
        if (d.getVersion().isBlank() || d.getVersion().length() > MAX_VERSION_LENGTH) {
            throw invalid("propose: version must be 1-" + MAX_VERSION_LENGTH + " characters");
        }
        if (d.getCodeHash().size() != hash.length()) {
            throw invalid("propose: code_hash has " + d.getCodeHash().size() + " bytes; the channel's hash has "
                    + hash.length());
        }
        if (Integer.toUnsignedLong(d.getMemoryPagesLimit()) > 65536) {
            throw invalid("propose: memory_pages_limit must be at most 65536 pages (4 GiB), was "
                    + Integer.toUnsignedLong(d.getMemoryPagesLimit()));
        }
        if (d.getFuelLimit() < 0) {
            throw invalid("propose: fuel_limit must be at most " + Long.MAX_VALUE);
        }
        if (d.getStatus() == ContractStatus.CONTRACT_STATUS_UNSPECIFIED || d.getStatus() == ContractStatus.UNRECOGNIZED) {
            throw invalid("propose: status must be ACTIVE, FROZEN or REVOKED");
        }
        Set<String> seen = new HashSet<>();
        for (FunctionRule rule : d.getFunctionsList()) {
            if (rule.getFunction().isEmpty() || rule.getFunction().length() > 128 || !seen.add(rule.getFunction())) {
                throw invalid("propose: function rules need distinct function names of 1-128 characters");
            }
            for (String role : rule.getRolesList()) {
                boolean known = false;
                for (CertificateRole r : CertificateRole.values()) {
                    known |= r.name().toLowerCase(Locale.ROOT).equals(role);
                }
                if (!known) {
                    throw invalid("propose: function " + rule.getFunction() + ": unknown role '" + abbreviate(role)
                            + "' (roles are the certificates' OU: ca, node, admin, user, tls)");
                }
            }
        }
    }

    private static void checkNext(Optional<LifecycleRecord> current, String name, long sequence) {
        long expected = current.map(r -> r.getDefinition().getSequence() + 1).orElse(1L);
        if (current.isPresent() && current.get().getDefinition().getStatus() == ContractStatus.REVOKED) {
            throw invalid("contract '" + name + "' is revoked; no later definition is accepted");
        }
        if (sequence != expected) {
            throw invalid("contract '" + name + "': sequence " + sequence + " is not the next one; expected " + expected);
        }
    }

    private static void checkTransition(Optional<LifecycleRecord> current, ContractDefinition next) {
        if (current.isEmpty() && next.getStatus() != ContractStatus.ACTIVE) {
            throw invalid("propose: the first definition of a contract must be ACTIVE");
        }
    }

    private ProposalStatus pending(LifecycleContext ctx, ProposalRef ref) {
        ProposalStatus proposal = ctx.get(ref.key()).map(LifecycleContract::parseProposal)
                .orElseThrow(() -> invalid(ref.function + ": no proposal " + ref + "; propose it first"));
        if (proposal.getCommitted()) {
            throw invalid(ref.function + ": proposal " + ref + " is already committed");
        }
        checkNext(committed(ctx, ref.name), ref.name, ref.sequence);
        return proposal;
    }

    /**
     * The channel's organisations that have not declined: the most approvals the proposal can still get.
     * Declines of organisations no longer on the channel count no more than their approvals do.
     */
    private static int undeclined(ProposalStatus proposal, Set<String> organizations) {
        long declined = proposal.getDeclinesList().stream().filter(d -> organizations.contains(d.getOrganization())).count();
        return organizations.size() - (int) declined;
    }

    private static String declinedBy(ProposalStatus proposal, Set<String> organizations) {
        return String.join(", ", proposal.getDeclinesList().stream()
                .filter(d -> organizations.contains(d.getOrganization())).map(Decline::getOrganization).toList());
    }

    private static void requireAdmin(LifecycleContext ctx, String step) {
        if (ctx.creatorRole().orElse(null) != CertificateRole.ADMIN) {
            throw new LifecycleException(ValidationCode.LIFECYCLE_NOT_ADMIN, step + ": the creator's certificate is not"
                    + " an ADMIN certificate (OU=admin) of organization '" + ctx.creatorOrganization() + "'");
        }
    }

    private static Optional<LifecycleRecord> committed(ContractContext ctx, String name) {
        return ctx.get(LifecycleKeys.definition(name)).map(LifecycleContract::parseRecord);
    }

    /** The committed definition record stored under {@link LifecycleKeys#definition}. */
    public static LifecycleRecord parseRecord(byte[] bytes) {
        try {
            return LifecycleRecord.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored lifecycle record is not a LifecycleRecord", e);
        }
    }

    private static ProposalStatus parseProposal(byte[] bytes) {
        try {
            return ProposalStatus.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored proposal is not a ProposalStatus", e);
        }
    }

    private String digest(ContractDefinition definition) {
        return Hashes.hex(hash.digest(definition.toByteArray()));
    }

    private static byte[] event(String name, long sequence, String digest) {
        return (name + "/" + sequence + "/" + digest).getBytes(StandardCharsets.UTF_8);
    }

    private static LifecycleException invalid(String message) {
        return new LifecycleException(ValidationCode.LIFECYCLE_INVALID, message);
    }

    private static void count(String function, List<ByteString> args, int expected, String usage) {
        if (args.size() != expected) {
            throw invalid(function + " takes " + expected + " arguments, got " + args.size() + ": " + usage);
        }
    }

    private static String string(ByteString bytes) {
        if (!bytes.isValidUtf8()) {
            throw invalid("arguments must be UTF-8 text");
        }
        return bytes.toStringUtf8();
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }

    /** (name, sequence, digest): the arguments of approve, commit and proposal, and decline's first three. */
    private record ProposalRef(String function, String name, long sequence, String digest) {
        static ProposalRef of(String function, List<ByteString> args) {
            count(function, args, 3, function + "(name, sequence, digest)");
            String name = string(args.get(0));
            String sequenceText = string(args.get(1));
            String digest = string(args.get(2)).toLowerCase(Locale.ROOT);
            if (!isUserContractName(name)) {
                throw invalid(function + ": '" + abbreviate(name) + "' is not a contract name");
            }
            long sequence;
            try {
                sequence = Long.parseLong(sequenceText);
            } catch (NumberFormatException e) {
                throw invalid(function + ": sequence must be a decimal number, got '" + abbreviate(sequenceText) + "'");
            }
            if (sequence < 1 || !digest.matches("[0-9a-f]{2,128}")) {
                throw invalid(function + ": sequence must be at least 1 and digest lower-case hex");
            }
            return new ProposalRef(function, name, sequence, digest);
        }

        String key() {
            return LifecycleKeys.proposal(name, sequence, digest);
        }

        @Override
        public String toString() {
            return name + "/" + sequence + "/" + digest;
        }
    }
}
