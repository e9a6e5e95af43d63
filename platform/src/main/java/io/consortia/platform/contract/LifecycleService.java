package io.consortia.platform.contract;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.NodeRefusals;
import io.consortia.platform.channel.ReturnValues;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.FunctionRule;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Lifecycle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A user contract's lifecycle on a channel, driven through the node's {@code _lifecycle} contract
 * with the caller organisation's custodial ADMIN identity: install the module and propose (with the
 * proposer's own approval), approve, commit, upgrade, freeze, unfreeze, revoke. Each action is an
 * operation whose transactions are its recorded steps.
 */
@Service
public class LifecycleService {
    private static final int MANIFESTS_KEPT = 1_000;
    private final ContractService contracts;
    private final ContractPackageService packages;
    private final ContractProposals proposals;
    private final ContractOperations operations;
    private final ChannelService channels;
    private final ConsortiumService consortia;
    private final java.util.Map<String, ContractManifest> manifests = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * One lock per organisation's approval of a contract and per contract's commit: a double-clicked approve or
     * commit (two requests at once) passed the up-front checks together, and the second one's transaction was
     * refused on chain (LIFECYCLE_ALREADY_APPROVED, a FAILED operation and a CRITICAL alert). The second request
     * now waits for the first and is then checked as a sequential repeat is: 409 with the code, nothing recorded.
     */
    private final java.util.Map<String, java.util.concurrent.locks.ReentrantLock> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.time.Duration inFlightWait;

    @org.springframework.beans.factory.annotation.Autowired
    LifecycleService(ContractService contracts, ContractPackageService packages, ContractProposals proposals,
            ContractOperations operations, ChannelService channels, ConsortiumService consortia) {
        this(contracts, packages, proposals, operations, channels, consortia, java.time.Duration.ofMinutes(2));
    }

    LifecycleService(ContractService contracts, ContractPackageService packages, ContractProposals proposals,
            ContractOperations operations, ChannelService channels, ConsortiumService consortia,
            java.time.Duration inFlightWait) {
        this.inFlightWait = inFlightWait;
        this.contracts = contracts;
        this.packages = packages;
        this.proposals = proposals;
        this.operations = operations;
        this.channels = channels;
        this.consortia = consortia;
    }

    /** Installs a reviewed package's module on the channel, proposes its first definition and approves it. */
    public ContractOperation propose(Caller caller, long consortiumId, String channel, long packageId, String policy,
            List<CallerRule> rules) {
        ContractPackage chosen = reviewedPackage(consortiumId, packageId);
        ChangePolicy changePolicy = policy(policy);
        ChannelRecord record = contracts.requireLifecycleAdmin(caller, consortiumId, channel);
        List<FunctionRule> functionRules = CallerRule.toFunctionRules(rules, chosen.manifest(),
                contracts.organizationNames(consortiumId, record));
        return operations.run(consortiumId, channel, chosen.name(), "PROPOSE", caller.username(), op ->
                contracts.asOrganizationAdmin(caller, consortiumId, channel, call -> {
                    Lifecycle lifecycle = call.lifecycle();
                    if (committed(lifecycle, chosen.name()).isPresent()) {
                        throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_INVALID, "Contract " + chosen.name()
                                + " is already committed on " + channel + "; propose an upgrade instead");
                    }
                    String codeHash = install(op, lifecycle, chosen);
                    String digest = op.step(DeploymentTexts.PROPOSE_CONTRACT.of(chosen.name(), chosen.version(), 1,
                            changePolicy, rulesText(functionRules)), () -> lifecycle.propose(
                            Lifecycle.definition(chosen.name(), chosen.version(), 1, codeHash).setPolicy(changePolicy)
                                    .addAllFunctions(functionRules).build()));
                    AuditNotes.note("version", chosen.version());
                    record(caller, consortiumId, channel, chosen.name(), 1, digest, "PROPOSE", chosen.id());
                    approveStep(op, caller, consortiumId, lifecycle, chosen.name(), 1, digest);
                    return null;
                }));
    }

    /** Installs a newer reviewed version and proposes it as the next definition (state is kept), approved by the proposer. */
    public ContractOperation upgrade(Caller caller, long consortiumId, String channel, String name, long packageId) {
        ContractPackage chosen = reviewedPackage(consortiumId, packageId);
        if (!chosen.name().equals(name)) {
            throw PlatformException.invalid("Package " + packageId + " is contract " + chosen.name() + ", not " + name);
        }
        contracts.requireLifecycleAdmin(caller, consortiumId, channel);
        return operations.run(consortiumId, channel, name, "UPGRADE", caller.username(), op ->
                contracts.asOrganizationAdmin(caller, consortiumId, channel, call -> {
                    Lifecycle lifecycle = call.lifecycle();
                    LifecycleRecord current = requireCommitted(lifecycle, consortiumId, channel, name);
                    requireAnotherVersion(consortiumId, channel, current, chosen);
                    long sequence = current.getDefinition().getSequence() + 1;
                    String codeHash = install(op, lifecycle, chosen);
                    String digest = op.step(DeploymentTexts.PROPOSE_UPGRADE.of(name, chosen.version(), sequence),
                            () -> lifecycle.upgrade(name, chosen.version(), codeHash));
                    AuditNotes.note("version", chosen.version());
                    record(caller, consortiumId, channel, name, sequence, digest, "UPGRADE", chosen.id());
                    approveStep(op, caller, consortiumId, lifecycle, name, sequence, digest);
                    return null;
                }));
    }

    /** Proposes FREEZE, UNFREEZE or REVOKE of a committed contract, approved by the proposer. */
    public ContractOperation changeStatus(Caller caller, long consortiumId, String channel, String name, String action) {
        contracts.requireLifecycleAdmin(caller, consortiumId, channel);
        return operations.run(consortiumId, channel, name, action, caller.username(), op ->
                contracts.asOrganizationAdmin(caller, consortiumId, channel, call -> {
                    Lifecycle lifecycle = call.lifecycle();
                    LifecycleRecord current = requireCommitted(lifecycle, consortiumId, channel, name);
                    requireChange(current, channel, action);
                    long sequence = current.getDefinition().getSequence() + 1;
                    String digest = op.step(proposeStatus(action).of(name, sequence), () -> switch (action) {
                                case "FREEZE" -> lifecycle.freeze(name);
                                case "UNFREEZE" -> lifecycle.unfreeze(name);
                                default -> lifecycle.revoke(name);
                            });
                    Long packageId = proposals.find(consortiumId, channel, name, current.getDefinition().getSequence(),
                            current.getDigest()).map(ContractProposals.Row::packageId).orElse(null);
                    record(caller, consortiumId, channel, name, sequence, digest, action, packageId);
                    approveStep(op, caller, consortiumId, lifecycle, name, sequence, digest);
                    return null;
                }));
    }

    /** Approves a proposal for the caller's organisation, signed by its custodial admin identity. */
    public ContractOperation approve(Caller caller, long consortiumId, String channel, String name, long sequence,
            String digest) {
        checkDigest(digest);
        contracts.requireLifecycleAdmin(caller, consortiumId, channel);
        String organization = contracts.organizationName(consortiumId, caller.requireOrganization());
        return oneAtATime(consortiumId + "/" + channel + "/" + name + "/approve/" + caller.requireOrganization(),
                "An approval of " + name + " by " + organization, () ->
                operations.run(consortiumId, channel, name, "APPROVE", caller.username(), op ->
                contracts.asOrganizationAdmin(caller, consortiumId, channel, call -> {
                    requireNotStale(call.lifecycle(), name, sequence, digest);
                    requireProposal(call.lifecycle(), consortiumId, channel, name, sequence, digest);
                    requireUnapproved(call.lifecycle(), organization, name, sequence, digest);
                    approveStep(op, caller, consortiumId, call.lifecycle(), name, sequence, digest);
                    return null;
                })));
    }

    /** Longest decline reason, in characters (Unicode code points), as the node allows. */
    static final int MAX_REASON_LENGTH = 500;

    /**
     * Declines a proposal for the caller's organisation with a reason, signed by its custodial admin identity; a
     * decline withdraws the organisation's approval (the node keeps an organisation's latest word). It shares the
     * approval's lock: an approve and a decline of one organisation at once would race for its word.
     */
    public ContractOperation decline(Caller caller, long consortiumId, String channel, String name, long sequence,
            String digest, String reason) {
        checkDigest(digest);
        String text = checkReason(reason);
        contracts.requireLifecycleAdmin(caller, consortiumId, channel);
        String organization = contracts.organizationName(consortiumId, caller.requireOrganization());
        return oneAtATime(consortiumId + "/" + channel + "/" + name + "/approve/" + caller.requireOrganization(),
                "An approval of " + name + " by " + organization, () ->
                operations.run(consortiumId, channel, name, "DECLINE", caller.username(), op ->
                contracts.asOrganizationAdmin(caller, consortiumId, channel, call -> {
                    Lifecycle lifecycle = call.lifecycle();
                    requireNotStale(lifecycle, name, sequence, digest);
                    ProposalStatus status = proposalOnChain(lifecycle, channel, name, sequence, digest);
                    requireUncommitted(status, name, sequence, digest, "it can no longer be declined");
                    status.getDeclinesList().stream().filter(d -> d.getOrganization().equals(organization))
                            .findFirst().ifPresent(d -> {
                                throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_INVALID, organization
                                        + " declined proposal " + digest + " of " + name + " (sequence " + sequence
                                        + ") already, in transaction " + d.getTransactionId());
                            });
                    int[] declines = new int[1];
                    op.step(DeploymentTexts.DECLINE_FOR.of(organization), () -> {
                        declines[0] = lifecycle.decline(name, sequence, digest, text);
                        return DeploymentTexts.DECLINED_BECAUSE.of(text);
                    });
                    noteProposal(name, sequence, digest);
                    AuditNotes.note("declineReason", text);
                    op.result.put("sequence", sequence);
                    op.result.put("digest", digest);
                    op.result.put("declines", declines[0]);
                    op.result.put("reason", text);
                    return null;
                })));
    }

    /** A committed proposal can be neither approved, declined nor committed again: {@code then} says which. */
    private static void requireUncommitted(ProposalStatus status, String name, long sequence, String digest,
            String then) {
        if (status.getCommitted()) {
            throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_INVALID, "Proposal " + digest + " of " + name
                    + " (sequence " + sequence + ") is committed already: " + then);
        }
    }

    /** The reason of a decline, trimmed: 1-500 characters, else a 400 naming {@code reason}. */
    static String checkReason(String reason) {
        String text = reason == null ? "" : reason.strip();
        int length = text.codePointCount(0, text.length());
        if (length == 0) {
            throw InvalidFields.field("reason", "is required: say why your organisation declines");
        }
        if (length > MAX_REASON_LENGTH) {
            throw InvalidFields.field("reason", "must be at most " + MAX_REASON_LENGTH + " characters, was " + length);
        }
        return text;
    }

    /** Commits a proposal whose approvals meet the policy; from then on calls run under it. */
    public ContractOperation commit(Caller caller, long consortiumId, String channel, String name, long sequence,
            String digest) {
        checkDigest(digest);
        contracts.requireLifecycleAdmin(caller, consortiumId, channel);
        return oneAtATime(consortiumId + "/" + channel + "/" + name + "/commit", "A commit of " + name, () ->
                operations.run(consortiumId, channel, name, "COMMIT", caller.username(), op ->
                contracts.asOrganizationAdmin(caller, consortiumId, channel, call -> {
                    Lifecycle lifecycle = call.lifecycle();
                    requireNotStale(lifecycle, name, sequence, digest);
                    ProposalStatus status = proposalOnChain(lifecycle, channel, name, sequence, digest);
                    requireUncommitted(status, name, sequence, digest, "there is nothing to commit");
                    if (status.getDead()) {
                        throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_POLICY_NOT_MET, "Proposal " + digest
                                + " can no longer pass: declined by " + String.join(", ", status.getDeclinesList()
                                .stream().map(io.consortia.protocol.v1.Decline::getOrganization).toList())
                                + "; the others cannot make the " + status.getRequired() + " approvals the policy needs");
                    }
                    if (status.getApprovalsCount() < status.getRequired()) {
                        throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_POLICY_NOT_MET, "Proposal " + digest
                                + " has " + status.getApprovalsCount() + " approval(s); the policy needs "
                                + status.getRequired());
                    }
                    LifecycleRecord committed = op.step(DeploymentTexts.COMMIT_CONTRACT.of(name, sequence),
                            () -> lifecycle.commit(name, sequence, digest));
                    proposals.committed(consortiumId, channel, name, sequence, digest);
                    noteProposal(name, sequence, digest);
                    AuditNotes.note("committed", "true");
                    op.result.put("definition", LifecycleViews.committed(committed));
                    return null;
                })));
    }

    /**
     * Runs an approval or a commit after any other of the same key has ended, so it is checked against what
     * that one did; one still running after {@link #inFlightWait} is a 409 to try again later.
     */
    private ContractOperation oneAtATime(String key, String what, java.util.function.Supplier<ContractOperation> work) {
        java.util.concurrent.locks.ReentrantLock lock = inFlight.computeIfAbsent(key,
                k -> new java.util.concurrent.locks.ReentrantLock());
        try {
            if (!lock.tryLock(inFlightWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw PlatformException.conflict(what + " is in progress on this platform; try again when it has"
                        + " ended (see the contract's operations)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlatformException.unavailable("Interrupted while waiting: " + what + " is in progress", e);
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Every committed user contract of the channel. */
    public List<LifecycleViews.Committed> definitions(Caller caller, long consortiumId, String channel) {
        return contracts.asReader(caller, consortiumId, channel, call -> call.lifecycle().definitions().stream()
                .map(LifecycleViews::committed).toList());
    }

    /** A contract: its definition in force (if any), its history, its proposals and the manifest of its code. */
    public record ContractDetail(String name, LifecycleViews.Committed current, List<LifecycleViews.Committed> history,
            List<LifecycleViews.Proposal> proposals, ContractManifest manifest, Long packageId,
            List<ContractOperation> operations) {}

    public ContractDetail contract(Caller caller, long consortiumId, String channel, String name) {
        return contracts.asReader(caller, consortiumId, channel, call -> {
            Lifecycle lifecycle = call.lifecycle();
            Optional<LifecycleRecord> current = committed(lifecycle, name);
            List<ContractProposals.Row> rows = proposals.ofContract(consortiumId, channel, name);
            if (current.isEmpty() && rows.isEmpty()) {
                throw PlatformException.notFound("Contract", name);
            }
            List<LifecycleViews.Committed> history = current.isEmpty() ? List.of()
                    : lifecycle.history(name).stream().map(LifecycleViews::committed).toList();
            List<LifecycleViews.Proposal> views = rows.stream()
                    .map(row -> LifecycleViews.proposal(row, lifecycle.proposal(name, row.sequence(), row.digest())))
                    .toList();
            Optional<ContractPackage> code = current.flatMap(r -> packageOf(consortiumId, channel, r));
            return new ContractDetail(name, current.map(LifecycleViews::committed).orElse(null), history, views,
                    code.map(ContractPackage::manifest).orElse(null), code.map(ContractPackage::id).orElse(null),
                    operations.ofContract(consortiumId, channel, name));
        });
    }

    /**
     * Every proposal in progress on the channel (proposed through the platform, not committed, not
     * stale), whoever approved it so far: the proposer and the organisations that approved see it
     * too, and whether it has the approvals to be committed.
     */
    public List<LifecycleViews.Proposal> inProgress(Caller caller, long consortiumId, String channel) {
        List<ContractProposals.Row> open = proposals.open(consortiumId, channel);
        if (open.isEmpty()) {
            return List.of();
        }
        return contracts.asReader(caller, consortiumId, channel, call -> {
            Lifecycle lifecycle = call.lifecycle();
            List<LifecycleViews.Proposal> shown = new ArrayList<>();
            java.util.Map<String, Long> committed = new java.util.HashMap<>();
            for (ContractProposals.Row row : open) {
                Optional<ProposalStatus> seen = proposalIfKnown(lifecycle, row);
                if (seen.isEmpty()) {
                    continue; // proposed through another node, not in this one's blocks yet: listed once it is
                }
                if (seen.get().getCommitted()) {
                    proposals.committed(consortiumId, channel, row.contract(), row.sequence(), row.digest());
                    committed.merge(row.contract(), row.sequence(), Math::max);
                } else {
                    shown.add(LifecycleViews.proposal(row, seen.get()));
                }
            }
            // a proposal of a sequence another one committed can no longer be committed (marked STALE above)
            return shown.stream().filter(p -> p.sequence() > committed.getOrDefault(p.contract(), 0L)).toList();
        });
    }

    /**
     * Proposals on the consortium's channels that the caller's organisation has neither approved nor declined, and
     * that can still pass: a dead one waits for no one.
     */
    public List<LifecycleViews.Proposal> waitingFor(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        long organization = caller.requireOrganization();
        String organizationName = contracts.organizationName(consortiumId, organization);
        List<LifecycleViews.Proposal> waiting = new ArrayList<>();
        for (ChannelRecord channel : channels.list(caller, consortiumId)) {
            if (!"ACTIVE".equals(channel.status()) || !channel.organizationIds().contains(organization)) {
                continue;
            }
            List<ContractProposals.Row> open = proposals.open(consortiumId, channel.name());
            if (open.isEmpty()) {
                continue;
            }
            contracts.asCaller(caller, consortiumId, channel.name(), call -> {
                Lifecycle lifecycle = call.lifecycle();
                for (ContractProposals.Row row : open) {
                    Optional<ProposalStatus> seen = proposalIfKnown(lifecycle, row);
                    if (seen.isEmpty()) {
                        continue; // proposed through another node, not in this one's blocks yet: listed once it is
                    }
                    ProposalStatus status = seen.get();
                    if (status.getCommitted()) {
                        proposals.committed(consortiumId, channel.name(), row.contract(), row.sequence(), row.digest());
                    } else if (!status.getDead()
                            && status.getApprovalsList().stream()
                                    .noneMatch(a -> a.getOrganization().equals(organizationName))
                            && status.getDeclinesList().stream()
                                    .noneMatch(d -> d.getOrganization().equals(organizationName))) {
                        waiting.add(LifecycleViews.proposal(row, status));
                    }
                }
                return null;
            });
        }
        return waiting;
    }

    /** Calls a committed contract's function, checked against the manifest of the package it runs. */
    public CallOutcome invoke(Caller caller, long consortiumId, String channel, String name, String function,
            List<String> args) {
        String[] values = args.toArray(String[]::new);
        CallOutcome[] asUser = new CallOutcome[1];
        ContractManifest.Function asAdmin = contracts.asCaller(caller, consortiumId, channel, call -> {
            LifecycleRecord current = committed(call.lifecycle(), name).orElseThrow(() ->
                    notCommitted(consortiumId, channel, name, ValidationCode.CONTRACT_NOT_COMMITTED));
            ContractManifest manifest = packageOf(consortiumId, channel, current).map(ContractPackage::manifest)
                    .orElseThrow(() -> PlatformException.conflict("The code of " + name + " on " + channel
                            + " is not in the repository, so its functions are unknown here"));
            ContractManifest.Function declared = manifest.function(function).orElseThrow(() ->
                    PlatformException.invalid(name + " " + manifest.version() + " has no function " + function
                            + " (" + String.join(", ", manifest.functions().stream()
                            .map(ContractManifest.Function::name).toList()) + ")"));
            ContractManifest.checkArguments(declared, args);
            if (signsAsOrganizationAdmin(caller, current, function)) {
                return declared;
            }
            asUser[0] = send(call, name, function, declared, values);
            return null;
        });
        if (asAdmin == null) {
            return asUser[0];
        }
        return contracts.asOrganizationAdmin(caller, consortiumId, channel,
                call -> send(call, name, function, asAdmin, values));
    }

    /**
     * Whether a call is signed with the caller organisation's custodial ADMIN identity (admin@org, the one that
     * signs its lifecycle steps and channel changes) rather than the caller's own USER certificate: only for an
     * admin of the organisation, and only for a function whose caller rule admits role admin and not role user.
     * Every other call is signed as the caller, so a rule with {@code roles: ["admin"]} (an {@code addMinter})
     * was callable by no one through the platform.
     */
    static boolean signsAsOrganizationAdmin(Caller caller, LifecycleRecord current, String function) {
        return caller.isOrganizationAdmin() && current.getDefinition().getFunctionsList().stream()
                .filter(rule -> rule.getFunction().equals(function)).findFirst()
                .map(rule -> rule.getRolesList().contains("admin") && !rule.getRolesList().contains("user"))
                .orElse(false);
    }

    private static CallOutcome send(ContractService.Call call, String name, String function,
            ContractManifest.Function declared, String[] values) {
        if (declared.query()) {
            return CallOutcome.of(null, null, call.evaluateBytes(name, function, values));
        }
        io.consortia.sdk.SubmitResult result = call.submit(name, function, values);
        return CallOutcome.of(result.transactionId(), result.blockNumber(), result.result());
    }

    /**
     * Whether the manifest of the code in force of user contract {@code name} on the channel declares
     * {@code function} a query. False when the channel has no such contract or its code is in no reviewed
     * package: the platform then knows nothing of its functions, and the node decides.
     */
    public boolean declaresQuery(long consortiumId, io.consortia.sdk.Channel channel, String name, String function) {
        return committed(Lifecycle.of(channel), name)
                .flatMap(record -> manifestOf(consortiumId, channel.name(), record))
                .flatMap(manifest -> manifest.function(function))
                .map(ContractManifest.Function::query).orElse(false);
    }

    /**
     * The manifest of a committed definition, remembered by its digest: the gateway asks for every
     * submitted call of a user contract, and a digest's package never changes (a later version has another
     * digest). Bounded: cleared when it holds {@value #MANIFESTS_KEPT} definitions.
     */
    private Optional<ContractManifest> manifestOf(long consortiumId, String channel, LifecycleRecord record) {
        String key = consortiumId + "/" + channel + "/" + record.getDigest();
        ContractManifest known = manifests.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        // not remembered when missing: a package with this code may be uploaded and reviewed later
        Optional<ContractManifest> manifest = packageOf(consortiumId, channel, record).map(ContractPackage::manifest);
        manifest.ifPresent(m -> {
            if (manifests.size() >= MANIFESTS_KEPT) {
                manifests.clear();
            }
            manifests.put(key, m);
        });
        return manifest;
    }

    private static Optional<ProposalStatus> proposalIfKnown(Lifecycle lifecycle, ContractProposals.Row row) {
        try {
            return Optional.of(lifecycle.proposal(row.contract(), row.sequence(), row.digest()));
        } catch (io.consortia.sdk.GatewayException e) {
            // the query's answer for a proposal this node does not hold (LifecycleContract: "no proposal")
            if (e.status().map(s -> s.getCode() == io.grpc.Status.Code.NOT_FOUND).orElse(false)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Refuses, before an operation has a step or a transaction is sent, a proposal that neither this
     * platform made nor the channel holds: approving it could only fail, as an invalid transaction in a
     * block and a failed operation. One the platform made counts even before the caller's node has
     * applied it, since the approval is ordered after the proposal.
     */
    private void requireProposal(Lifecycle lifecycle, long consortiumId, String channel, String name, long sequence,
            String digest) {
        if (proposals.find(consortiumId, channel, name, sequence, digest).isEmpty()) {
            proposalOnChain(lifecycle, channel, name, sequence, digest);
        }
    }

    /**
     * Refuses (409), before a step or a transaction, a stale proposal: another definition took its sequence (or
     * a later one is in force), so the chain could only refuse an approval (LIFECYCLE_INVALID, a failed operation
     * and an invalid transaction) and no number of approvals could ever commit it. The committed proposal itself
     * is not stale; the other checks answer for it.
     */
    private static void requireNotStale(Lifecycle lifecycle, String name, long sequence, String digest) {
        Optional<LifecycleRecord> current = committed(lifecycle, name);
        if (current.isEmpty() || current.get().getDefinition().getSequence() < sequence) {
            return;
        }
        long inForce = current.get().getDefinition().getSequence();
        Optional<LifecycleRecord> atSequence = inForce == sequence ? current
                : lifecycle.history(name).stream().filter(r -> r.getDefinition().getSequence() == sequence).findFirst();
        if (atSequence.isPresent() && atSequence.get().getDigest().equals(digest)) {
            return;
        }
        throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_INVALID, "Proposal " + digest + " of " + name
                + " is stale: sequence " + sequence
                + atSequence.map(r -> " was committed with digest " + r.getDigest()).orElse(" is committed already")
                + (inForce > sequence ? " and sequence " + inForce + " is in force" : "")
                + "; it can never be committed (propose sequence " + (inForce + 1) + " instead)");
    }

    /**
     * Refuses (409), before a step or a transaction, an approval the caller's node already shows, or
     * one of a committed proposal: the chain could only refuse it, as a failed operation. A proposal
     * the node has not applied yet (made on this platform a moment ago) has nothing to show, and goes on.
     */
    private static void requireUnapproved(Lifecycle lifecycle, String organization, String name, long sequence,
            String digest) {
        ProposalStatus status;
        try {
            status = lifecycle.proposal(name, sequence, digest);
        } catch (io.consortia.sdk.GatewayException e) {
            if (e.status().map(s -> s.getCode() == io.grpc.Status.Code.NOT_FOUND).orElse(false)) {
                return;
            }
            throw e;
        }
        requireUncommitted(status, name, sequence, digest, "there is nothing to approve");
        status.getApprovalsList().stream().filter(a -> a.getOrganization().equals(organization)).findFirst()
                .ifPresent(a -> {
                    throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_ALREADY_APPROVED, organization
                            + " approved proposal " + digest + " of " + name + " (sequence " + sequence
                            + ") already, in transaction " + a.getTransactionId());
                });
    }

    /** The proposal as the channel holds it; 404 when it holds none by that sequence and digest. */
    private static ProposalStatus proposalOnChain(Lifecycle lifecycle, String channel, String name, long sequence,
            String digest) {
        try {
            return lifecycle.proposal(name, sequence, digest);
        } catch (io.consortia.sdk.GatewayException e) {
            if (e.status().map(s -> s.getCode() == io.grpc.Status.Code.NOT_FOUND).orElse(false)) {
                throw PlatformException.notFound("Proposal", "of " + name + " with sequence " + sequence
                        + " and digest " + digest + " on channel " + channel);
            }
            throw e;
        }
    }

    void requireLifecycleAdmin(Caller caller, long consortiumId, String channel) {
        contracts.requireLifecycleAdmin(caller, consortiumId, channel);
    }

    /**
     * What {@link #propose} checks before it runs, for a caller that stores something first (the
     * store's template package): a refused proposal leaves nothing behind.
     */
    void checkProposal(Caller caller, long consortiumId, String channel, ContractManifest manifest, String policy,
            List<CallerRule> rules) {
        policy(policy);
        ChannelRecord record = contracts.requireLifecycleAdmin(caller, consortiumId, channel);
        CallerRule.toFunctionRules(rules, manifest, contracts.organizationNames(consortiumId, record));
    }

    void requireVisible(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
    }

    /**
     * What a call returned: {@code resultBase64} is the exact bytes, always; {@code result} the same
     * bytes as text when they are valid UTF-8, else null. A contract may return any bytes, and
     * decoding them anyway turned every invalid sequence into U+FFFD, losing them for good.
     */
    public record CallOutcome(String transactionId, Long blockNumber, String result, String resultBase64) {
        static CallOutcome of(String transactionId, Long blockNumber, byte[] returned) {
            return new CallOutcome(transactionId, blockNumber, ReturnValues.text(returned),
                    ReturnValues.base64(returned));
        }
    }

    /**
     * The package whose code is in force: the one the platform proposed for exactly this sequence and digest, else
     * a reviewed package of the same name with exactly the code hash in force. A definition committed outside the
     * platform (with the SDK, e.g. an unfreeze) has no proposal row, and the platform's own later steps (freeze,
     * unfreeze) carry no package, yet the code is the same reviewed module, so its manifest still describes it.
     */
    Optional<ContractPackage> packageOf(long consortiumId, String channel, LifecycleRecord record) {
        Optional<ContractPackage> proposed = proposals.find(consortiumId, channel, record.getDefinition().getName(),
                        record.getDefinition().getSequence(), record.getDigest())
                .map(ContractProposals.Row::packageId)
                .flatMap(id -> id == null ? Optional.empty() : Optional.of(packages.require(consortiumId, id)));
        if (proposed.isPresent()) {
            return proposed;
        }
        return packages.reviewedWithCode(consortiumId, record.getDefinition().getName(),
                HexFormat.of().formatHex(record.getDefinition().getCodeHash().toByteArray()));
    }

    private String install(ContractOperations.Running op, Lifecycle lifecycle, ContractPackage chosen) {
        byte[] module = packages.module(chosen);
        String codeHash = op.step(DeploymentTexts.INSTALL_MODULE.of(chosen.name(), chosen.version(),
                module.length), () -> lifecycle.install(module));
        op.result.put("codeHash", codeHash);
        return codeHash;
    }

    private void approveStep(ContractOperations.Running op, Caller caller, long consortiumId, Lifecycle lifecycle,
            String name, long sequence, String digest) {
        String organization = contracts.organizationName(consortiumId, caller.requireOrganization());
        // the detail says what the count is ("1 of 2 approvals"): a bare "1" read as nothing
        int[] counts = new int[2];
        op.step(DeploymentTexts.APPROVE_FOR.of(organization), () -> {
            counts[0] = lifecycle.approve(name, sequence, digest);
            counts[1] = lifecycle.proposal(name, sequence, digest).getRequired();
            return DeploymentTexts.APPROVALS.of(counts[0], counts[1]);
        });
        noteProposal(name, sequence, digest);
        AuditNotes.note("approvals", counts[0] + "/" + counts[1]);
        op.result.put("sequence", sequence);
        op.result.put("digest", digest);
        op.result.put("approvals", counts[0]);
        op.result.put("required", counts[1]);
    }

    /**
     * Refuses (409), before a step, an upgrade to the package in force: it would only propose the same
     * code again as a new sequence. Another package with the same module (a corrected manifest) is
     * another version and may be proposed.
     */
    private void requireAnotherVersion(long consortiumId, String channel, LifecycleRecord current,
            ContractPackage chosen) {
        if (packageOf(consortiumId, channel, current).filter(p -> p.id() == chosen.id()).isPresent()) {
            throw PlatformException.conflict("Version " + chosen.version() + " of " + chosen.name() + " (package "
                    + chosen.id() + ") is in force on channel " + channel + " (sequence "
                    + current.getDefinition().getSequence() + "): upgrade to another reviewed version");
        }
    }

    /**
     * Refuses (409), before a step, a freeze of a frozen contract or an unfreeze of an active one: it would only
     * propose the next sequence with the status in force, a change that changes nothing.
     */
    private static void requireChange(LifecycleRecord current, String channel, String action) {
        io.consortia.protocol.v1.ContractStatus status = current.getDefinition().getStatus();
        String name = current.getDefinition().getName();
        String unchanged = switch (action) {
            case "FREEZE" -> status == io.consortia.protocol.v1.ContractStatus.FROZEN ? "frozen" : null;
            case "UNFREEZE" -> status == io.consortia.protocol.v1.ContractStatus.ACTIVE ? "active" : null;
            default -> null;
        };
        if (unchanged != null) {
            throw PlatformException.conflict("Contract " + name + " is already " + unchanged + " on channel " + channel
                    + " (sequence " + current.getDefinition().getSequence() + "): there is nothing to "
                    + action.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static DeploymentTexts.Text proposeStatus(String action) {
        return switch (action) {
            case "FREEZE" -> DeploymentTexts.PROPOSE_FREEZE;
            case "UNFREEZE" -> DeploymentTexts.PROPOSE_UNFREEZE;
            default -> DeploymentTexts.PROPOSE_REVOKE;
        };
    }

    private void record(Caller caller, long consortiumId, String channel, String name, long sequence, String digest,
            String action, Long packageId) {
        proposals.insert(consortiumId, channel, name, sequence, digest, action, packageId, caller.username(),
                caller.requireOrganization());
        noteProposal(name, sequence, digest);
        AuditNotes.note("proposed", action);
        AuditNotes.note("package", packageId);
    }

    /** Which proposal a lifecycle step was about, for the audit record: the route names it only for approve and commit. */
    private static void noteProposal(String contract, long sequence, String digest) {
        AuditNotes.note("contract", contract);
        AuditNotes.note("sequence", sequence);
        AuditNotes.note("digest", digest);
    }

    private ContractPackage reviewedPackage(long consortiumId, long packageId) {
        ContractPackage chosen = packages.require(consortiumId, packageId);
        if (!chosen.reviewed()) {
            throw PlatformException.conflict("Version " + chosen.version() + " of " + chosen.name() + " is "
                    + chosen.reviewStatus() + ": only a REVIEWED version may be proposed");
        }
        return chosen;
    }

    private static Optional<LifecycleRecord> committed(Lifecycle lifecycle, String name) {
        return lifecycle.definitions().stream().filter(r -> r.getDefinition().getName().equals(name)).findFirst();
    }

    private LifecycleRecord requireCommitted(Lifecycle lifecycle, long consortiumId, String channel, String name) {
        return committed(lifecycle, name).orElseThrow(() ->
                notCommitted(consortiumId, channel, name, ValidationCode.LIFECYCLE_INVALID));
    }

    /**
     * A contract with no definition in force: one never proposed (through this platform) does not exist,
     * 404 as the nodes' UNKNOWN_CONTRACT; one proposed but not committed yet is the nodes' {@code code}.
     */
    private PlatformException notCommitted(long consortiumId, String channel, String name, ValidationCode code) {
        if (proposals.ofContract(consortiumId, channel, name).isEmpty()) {
            return NodeRefusals.foreseen(ValidationCode.UNKNOWN_CONTRACT, "Contract " + name
                    + " was never proposed on channel " + channel);
        }
        return NodeRefusals.foreseen(code, "Contract " + name + " has no committed definition on channel " + channel
                + " yet");
    }

    private static ChangePolicy policy(String policy) {
        if (policy == null || policy.isBlank()) {
            return ChangePolicy.MAJORITY;
        }
        return switch (policy) {
            case "MAJORITY" -> ChangePolicy.MAJORITY;
            case "ANY" -> ChangePolicy.ANY;
            case "ALL" -> ChangePolicy.ALL;
            default -> throw InvalidFields.field("policy", "must be MAJORITY, ANY or ALL");
        };
    }

    /** The rules in a step's name, so the operation shows what was proposed: "; put: org1 / user". */
    private static String rulesText(List<FunctionRule> rules) {
        StringBuilder text = new StringBuilder();
        for (FunctionRule rule : rules) {
            String roles = String.join(", ", rule.getRolesList());
            String callers = !rule.getOrganizationsList().isEmpty()
                    ? String.join(", ", rule.getOrganizationsList()) + (roles.isEmpty() ? "" : " / " + roles)
                    : roles.isEmpty() ? DeploymentTexts.ANY_ORGANIZATION.of()
                    : DeploymentTexts.ANY_ORGANIZATION_IN_ROLES.of(roles);
            text.append(DeploymentTexts.CALLER_RULE.of(rule.getFunction(), callers));
        }
        return text.toString();
    }

    private static void checkDigest(String digest) {
        if (!digest.matches("[0-9a-f]{64}")) {
            throw InvalidFields.field("digest", "must be 64 lowercase hex characters");
        }
    }
}
