package io.consortia.platform.governance;

import com.google.protobuf.ByteString;
import io.consortia.common.Poll;
import io.consortia.platform.custody.OrganizationCredentials;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.ConfigSignature;
import io.consortia.protocol.v1.ConfigUpdate;
import io.consortia.protocol.v1.SignedConfigUpdate;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.SubmitException;
import io.consortia.sdk.SubmitResult;
import io.consortia.sdk.TransactionException;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Applies one {@link ConfigChange} to a running channel, step by step: read the configuration in
 * force from a node, build the next version, sign it with the custodial ADMIN identities of the
 * organisations that approved it (as many as the channel's policy needs, MAJORITY by default),
 * submit it as a {@code _config} transaction, wait until it commits and until the channel's
 * peers apply it (a voter that does not within the apply timeout fails the operation). A change
 * that takes a voter away is refused while a voter that stays has not applied the version in
 * force. Every step is reported to the caller's {@link DeploymentSteps}.
 *
 * <p>The chain is the authority: the platform signs only for organisations that approved, and a
 * change the node refuses (stale version, policy not met, a rule broken) fails with the node's
 * validation code and reason while the configuration stays as it was. A change already in the
 * configuration is skipped, so a failed operation can simply be retried.
 */
@Service
public class ChannelConfigurator {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelConfigurator.class);
    static final String CONFIG_CONTRACT = "_config";
    static final String CONFIG_FUNCTION = "update";
    private final NetworkAccess network;
    private final Duration applyTimeout;
    private final Duration catchUpTimeout;

    @org.springframework.beans.factory.annotation.Autowired
    ChannelConfigurator(NetworkAccess network) {
        this(network, Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    ChannelConfigurator(NetworkAccess network, Duration applyTimeout, Duration catchUpTimeout) {
        this.network = network;
        this.applyTimeout = applyTimeout;
        this.catchUpTimeout = catchUpTimeout;
    }

    /**
     * What to change where.
     *
     * @param nodes nodes that serve the channel, tried in order to read its configuration and to submit
     * @param signers organisations whose admins may sign (those that approved), in order of preference
     */
    public record Request(long consortiumId, String channel, List<NodeRecord> nodes, ConfigChange change,
            List<Long> signers) {
        public Request {
            Objects.requireNonNull(channel, "channel");
            nodes = List.copyOf(nodes);
            Objects.requireNonNull(change, "change");
            signers = List.copyOf(signers);
            if (nodes.isEmpty()) {
                throw PlatformException.conflict("Channel " + channel + " has no node to change its configuration on");
            }
        }
    }

    /**
     * The configuration the change produced (or found).
     *
     * @param blockNumber the block that committed it; -1 when it was already in force
     */
    public record Applied(ChannelConfig config, long blockNumber, String transactionId) {
        public boolean alreadyApplied() {
            return blockNumber < 0;
        }
    }

    /** The configuration in force, from the first of {@code nodes} that answers. */
    public ChannelConfig current(String channel, List<NodeRecord> nodes) {
        return read(channel, nodes).getConfig();
    }

    /** Applies {@code request.change()}; see the class comment. */
    public Applied apply(Request request, DeploymentSteps steps) {
        String channel = request.channel();
        String what = request.change().description();
        ChannelConfigInfo[] info = new ChannelConfigInfo[1];
        steps.step(DeploymentTexts.READ_CONFIGURATION.of(channel), null, () -> {
            info[0] = read(channel, request.nodes());
            return DeploymentTexts.CONFIGURATION_READ.of(ConfigChange.versionOf(info[0].getConfig()),
                    info[0].getConfig().getOrganizationsCount(), info[0].getConfig().getPeersCount());
        });
        ChannelConfig current = info[0].getConfig();
        if (request.change().isAppliedIn(current)) {
            steps.step(DeploymentTexts.CHANGE_APPLIED.of(capitalized(what), channel), null,
                    () -> DeploymentTexts.ALREADY_IN_VERSION.of(ConfigChange.versionOf(current)));
            return new Applied(current, -1, "");
        }
        ChannelConfig next = request.change().nextOf(current);
        if (votersOf(next).size() < votersOf(current).size()) {
            steps.step(DeploymentTexts.CHECK_VOTERS.of(channel, ConfigChange.versionOf(current)), null,
                    () -> awaitVotersCurrent(request, current, next));
        }
        SignedConfigUpdate[] signed = new SignedConfigUpdate[1];
        steps.step(DeploymentTexts.SIGN_CHANGE.of(what, channel, next.getVersion()), null, () -> {
            signed[0] = sign(request, current, next);
            return DeploymentTexts.SIGNED_BY.of(signed[0].getSignaturesList().stream()
                    .map(ConfigSignature::getOrganization).collect(Collectors.joining(", ")),
                    SignaturePolicy.effective(current), current.getOrganizationsCount(),
                    SignaturePolicy.required(current));
        });
        Applied[] applied = new Applied[1];
        steps.step(DeploymentTexts.COMMIT_CHANGE.of(what, channel, next.getVersion()), null, () -> {
            applied[0] = submit(request, current, next, signed[0]);
            return applied[0].alreadyApplied() ? DeploymentTexts.COMMITTED_READ_BACK.of()
                    : DeploymentTexts.COMMITTED_IN_BLOCK.of(applied[0].blockNumber(), applied[0].transactionId()
                            .substring(0, Math.min(16, applied[0].transactionId().length())));
        });
        steps.step(DeploymentTexts.AWAIT_VERSION.of(channel, next.getVersion()), null,
                () -> awaitApplied(request, next));
        return applied[0];
    }

    /**
     * Waits until {@code learner} has caught up: its height reaches the height the channel's other
     * peers had when the wait began (under load they move on; the learner follows them from
     * the log).
     */
    public String awaitCaughtUp(String channel, NodeRecord learner, List<NodeRecord> others, DeploymentSteps steps) {
        return steps.step(DeploymentTexts.AWAIT_CATCH_UP_ON.of(learner.nodeId(), channel), learner.nodeId(), () -> {
            long target = others.stream().mapToLong(n -> height(n, channel)).max().orElse(0);
            long reached = Poll.until(catchUpTimeout, Duration.ofMillis(500), () -> {
                long height = height(learner, channel);
                return height >= target ? height : null;
            }).orElseThrow(() -> new IllegalStateException(learner.nodeId() + " did not reach height " + target
                    + " of channel " + channel + " within " + catchUpTimeout.toSeconds() + " s (at "
                    + height(learner, channel) + ")"));
            return DeploymentTexts.HEIGHT_REACHED.of(reached, target);
        });
    }

    /**
     * Waits until every node of {@code others} that answers reports {@code nodeId} out of the channel's Raft
     * voters ({@code outOfGroup} false: after its demotion) or out of the Raft group altogether
     * (true: after its removal). A committed configuration is not yet Ratis' configuration: the
     * leader moves Ratis after it, one step at a time, and a leader being demoted hands its
     * leadership over first. Removing a node Ratis still counted, or stopping it, left the others
     * in a group whose majority needs it, and the channel without a leader for good. A node that
     * does not get out in time is left running, so that the group keeps its vote.
     */
    public String awaitRaftExit(String channel, String nodeId, List<NodeRecord> others, boolean outOfGroup,
            DeploymentSteps steps) {
        DeploymentTexts.Text what = outOfGroup ? DeploymentTexts.AWAIT_OUT_OF_GROUP : DeploymentTexts.AWAIT_NOT_VOTING;
        // dropping a learner waits for every follower to have its removal (or for a down one, a grace period)
        Duration timeout = outOfGroup ? applyTimeout.multipliedBy(2) : applyTimeout;
        return steps.step(what.of(nodeId, channel), nodeId, () -> {
            Map<String, ChannelStatus> seen = new LinkedHashMap<>();
            Poll.until(timeout, Duration.ofMillis(250), () -> {
                seen.clear();
                for (NodeRecord node : others) {
                    try {
                        status(node, channel).ifPresent(s -> seen.put(node.nodeId(), s));
                    } catch (RuntimeException e) {
                        LOG.debug("{} did not answer with its status: {}", node.nodeId(), e.toString());
                    }
                }
                // a node that is down does not hold the removal up; every one that answers must agree
                boolean out = !seen.isEmpty() && seen.values().stream().allMatch(s ->
                        !s.getPeersList().contains(nodeId) && !(outOfGroup && s.getLearnersList().contains(nodeId)));
                return out ? Boolean.TRUE : null;
            }).orElseThrow(() -> new IllegalStateException(nodeId + " is still " + (outOfGroup
                    ? "a member of" : "a voter in") + " the Raft group of channel " + channel + " after "
                    + timeout.toSeconds() + " s (" + (seen.isEmpty() ? "no other node answered" : members(seen))
                    + "). It keeps running, so that the group keeps its vote; see the nodes' logs, then retry"));
            return members(seen);
        });
    }

    private static String members(Map<String, ChannelStatus> seen) {
        ChannelStatus any = seen.values().iterator().next();
        return DeploymentTexts.RAFT_MEMBERS.of(String.join(" ", any.getPeersList()),
                any.getLearnersList().isEmpty() ? "-" : String.join(" ", any.getLearnersList()),
                String.join(" ", seen.keySet()));
    }

    private ChannelConfigInfo read(String channel, List<NodeRecord> nodes) {
        RuntimeException last = null;
        for (NodeRecord node : nodes) {
            try {
                return network.config(node, channel);
            } catch (RuntimeException e) {
                last = e;
                LOG.debug("Reading the configuration of {} from {} failed: {}", channel, node.nodeId(), e.toString());
            }
        }
        // the nodes' own words (gRPC states, internal addresses) are for operators
        LOG.warn("No node of channel {} answered with its configuration: {}", channel,
                last == null ? "no nodes" : last.getMessage());
        throw PlatformException.unavailable("No node of channel " + channel + " answered with its configuration; "
                + "try again", Duration.ofSeconds(5), last);
    }

    private SignedConfigUpdate sign(Request request, ChannelConfig current, ChannelConfig next) {
        byte[] update = ConfigUpdate.newBuilder().setChannel(request.channel())
                .setBaseVersion(ConfigChange.versionOf(current)).setConfig(next).build().toByteArray();
        Set<String> members = current.getOrganizationsList().stream()
                .map(io.consortia.protocol.v1.Organization::getName).collect(Collectors.toSet());
        Map<String, ConfigSignature> signatures = new LinkedHashMap<>();
        for (long organizationId : request.signers()) {
            OrganizationCredentials credentials = network.credentials(request.consortiumId(), organizationId);
            if (!members.contains(credentials.organization()) || signatures.containsKey(credentials.organization())) {
                continue; // an organisation that is not (yet) in the channel does not count
            }
            try {
                signatures.put(credentials.organization(), ConfigSignature.newBuilder()
                        .setOrganization(credentials.organization())
                        .setCertificate(ByteString.copyFrom(credentials.admin().certificate().getEncoded()))
                        .setSignature(ByteString.copyFrom(credentials.adminIdentity().signer().sign(update)))
                        .build());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("Admin certificate of " + credentials.organization()
                        + " cannot be encoded", e);
            }
        }
        int required = SignaturePolicy.required(current);
        if (signatures.size() < required) {
            throw PlatformException.conflict("Changing channel " + request.channel() + " needs the signatures of "
                    + required + " of its " + current.getOrganizationsCount() + " organisations' admins ("
                    + SignaturePolicy.effective(current) + "); only " + signatures.size() + " approved: "
                    + String.join(", ", signatures.keySet()));
        }
        return SignedConfigUpdate.newBuilder().setUpdate(ByteString.copyFrom(update))
                .addAllSignatures(signatures.values()).build();
    }

    private Applied submit(Request request, ChannelConfig current, ChannelConfig next, SignedConfigUpdate signed) {
        String submitter = signed.getSignatures(0).getOrganization();
        long submitterId = request.signers().stream()
                .filter(id -> network.credentials(request.consortiumId(), id).organization().equals(submitter))
                .findFirst().orElseThrow();
        List<NodeRecord> endpoints = servingNodes(request.nodes(), current);
        try (Gateway gateway = network.adminGateway(request.consortiumId(), submitterId, endpoints)) {
            SubmitResult result = gateway.channel(request.channel()).contract(CONFIG_CONTRACT)
                    .submit(CONFIG_FUNCTION, signed.toByteArray());
            return new Applied(next, result.blockNumber(), result.transactionId());
        } catch (SubmitException e) {
            throw refused("refused at admission", e.code().name(), e.reason(), e);
        } catch (CommitException e) {
            throw refused("committed as invalid in block " + e.blockNumber(), e.code().name(), e.reason(), e);
        } catch (TransactionException e) {
            // The outcome is unknown (timeout, connection lost): the chain says whether it committed.
            ChannelConfig now = current(request.channel(), request.nodes());
            if (ConfigChange.versionOf(now) >= next.getVersion() && request.change().isAppliedIn(now)) {
                return new Applied(now, -1, "");
            }
            LOG.warn("The configuration change of channel {} has no known outcome: {}", request.channel(),
                    e.getMessage());
            throw PlatformException.unavailable("The configuration change of channel " + request.channel()
                    + " has no known outcome (its nodes did not confirm it in time); try again", Duration.ofSeconds(5),
                    e);
        }
    }

    private static PlatformException refused(String how, String code, String reason, Exception cause) {
        return new PlatformException(HttpStatus.CONFLICT, "config-change-refused", "The channel " + how + ": "
                + code + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"), cause);
    }

    /**
     * Waits until every peer of {@code next} applies it. A voter that has not within the apply
     * timeout fails the step (the change is committed, but the channel would run on fewer
     * caught-up voters than it counts); a learner that has not is only named: it follows the log
     * and is promoted only once it caught up ({@link #awaitCaughtUp}), or it is leaving.
     */
    String awaitApplied(Request request, ChannelConfig next) {
        List<NodeRecord> peers = servingNodes(request.nodes(), next);
        List<String> behind = lagging(peers, request.channel(), ConfigChange.versionOf(next), applyTimeout);
        List<String> voters = behind.stream().filter(votersOf(next)::contains).toList();
        if (!voters.isEmpty()) {
            throw new IllegalStateException("Version " + next.getVersion() + " of channel " + request.channel()
                    + " is committed, but voter(s) " + String.join(", ", voters) + " did not apply it within "
                    + applyTimeout.toSeconds() + " s (" + (peers.size() - behind.size()) + " of " + peers.size()
                    + " peers did); see the nodes' status and logs, and do not change the channel's membership "
                    + "until they caught up");
        }
        int applied = peers.size() - behind.size();
        return behind.isEmpty() ? DeploymentTexts.PEERS_APPLY.of(applied, peers.size(), next.getVersion())
                : DeploymentTexts.PEERS_APPLY_LEARNERS_BEHIND.of(applied, peers.size(), next.getVersion(),
                        String.join(", ", behind));
    }

    /**
     * Before a change that takes a voter away: every voter that stays must apply the version in
     * force, else the channel could be left without a working majority of caught-up voters.
     */
    String awaitVotersCurrent(Request request, ChannelConfig current, ChannelConfig next) {
        Set<String> remaining = votersOf(next);
        List<NodeRecord> voters = request.nodes().stream().filter(n -> remaining.contains(n.nodeId())).toList();
        List<String> unknown = remaining.stream()
                .filter(id -> voters.stream().noneMatch(n -> n.nodeId().equals(id))).sorted().toList();
        List<String> behind = new ArrayList<>(unknown);
        behind.addAll(lagging(voters, request.channel(), ConfigChange.versionOf(current), applyTimeout));
        if (!behind.isEmpty()) {
            throw PlatformException.conflict("Not changing channel " + request.channel() + " (" + request.change()
                    .description() + "): voter(s) " + String.join(", ", behind) + " of the " + remaining.size()
                    + " that would remain have not applied version " + ConfigChange.versionOf(current)
                    + " (within " + applyTimeout.toSeconds() + " s), so the channel could be left without a "
                    + "working majority; let them catch up (or repair them) and retry");
        }
        return DeploymentTexts.REMAINING_VOTERS_APPLY.of(remaining.size(), ConfigChange.versionOf(current));
    }

    /** The ids of {@code nodes} that have not applied {@code version} of the channel (or do not answer) within {@code timeout}. */
    private List<String> lagging(List<NodeRecord> nodes, String channel, long version, Duration timeout) {
        List<String> behind = new ArrayList<>();
        Poll.until(timeout, Duration.ofMillis(500), () -> {
            behind.clear();
            for (NodeRecord node : nodes) {
                try {
                    if (ConfigChange.versionOf(network.config(node, channel).getConfig()) < version) {
                        behind.add(node.nodeId());
                    }
                } catch (RuntimeException e) {
                    behind.add(node.nodeId());
                }
            }
            return behind.isEmpty() ? Boolean.TRUE : null;
        });
        return List.copyOf(behind);
    }

    private static Set<String> votersOf(ChannelConfig config) {
        return config.getPeersList().stream().filter(p -> p.getRole() == io.consortia.protocol.v1.PeerRole.VOTER)
                .map(io.consortia.protocol.v1.Peer::getNodeId).collect(Collectors.toSet());
    }

    /** The nodes that are peers of {@code config}, the ones that can take the change. */
    private static List<NodeRecord> servingNodes(List<NodeRecord> nodes, ChannelConfig config) {
        List<NodeRecord> serving = nodes.stream().filter(n -> ConfigChange.peer(config, n.nodeId()) != null).toList();
        return serving.isEmpty() ? nodes : serving;
    }

    private long height(NodeRecord node, String channel) {
        try (AdminClient admin = network.admin(node)) {
            return admin.status().getChannelsList().stream().filter(c -> c.getName().equals(channel))
                    .mapToLong(ChannelStatus::getHeight).findFirst().orElse(0);
        }
    }

    /** The Raft status of {@code channel} on {@code node}, if it has the channel. */
    public java.util.Optional<ChannelStatus> status(NodeRecord node, String channel) {
        try (AdminClient admin = network.admin(node)) {
            return admin.status().getChannelsList().stream().filter(c -> c.getName().equals(channel)).findFirst();
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

}
