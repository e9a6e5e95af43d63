package io.consortia.platform.channel;

import io.consortia.common.DaemonThreads;
import io.consortia.common.Poll;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Applies approved proposals on chain as recorded operations (deployments named after the
 * proposal's kind, one step per configuration change and node call). The proposal is APPLYING
 * while it runs and ends APPLIED, or FAILED with the reason; a failed one may be applied again
 * by the leader and skips what the chain already has. The platform's records (channel members,
 * membership, history) change only after the chain committed.
 */
@Component
class ProposalExecution {
    private static final Logger LOG = LoggerFactory.getLogger(ProposalExecution.class);
    private static final Duration WAIT_FOR_OTHER_DEPLOYMENT = Duration.ofMinutes(10);
    private final ChannelProposalService proposals;
    private final ChannelService channels;
    private final ChannelChanges changes;
    private final DeploymentService deployments;
    private final ConsortiumService consortia;
    private final ExecutorService waiting = Executors.newSingleThreadExecutor(DaemonThreads.named("proposals"));

    ProposalExecution(ChannelProposalService proposals, ChannelService channels, ChannelChanges changes,
            DeploymentService deployments, ConsortiumService consortia) {
        this.proposals = proposals;
        this.channels = channels;
        this.changes = changes;
        this.deployments = deployments;
        this.consortia = consortia;
    }

    /**
     * A proposal the votes just approved starts being applied; if another deployment of the
     * consortium runs, it waits for it in the background (the proposal stays APPROVED meanwhile).
     */
    void approved(ChannelProposal proposal, String actor) {
        if (!"APPROVED".equals(proposal.status())) {
            return;
        }
        waiting.execute(() -> {
            try {
                Poll.until(WAIT_FOR_OTHER_DEPLOYMENT, Duration.ofSeconds(1), () -> {
                    ChannelProposal current = proposals.get(proposal.id());
                    if (!"APPROVED".equals(current.status())) {
                        return current; // the leader applied it meanwhile: that run owns its status
                    }
                    try {
                        return start(proposal.id(), actor);
                    } catch (PlatformException e) {
                        if (e.status() == HttpStatus.CONFLICT && deployments.isBusy(proposal.consortiumId())) {
                            return null;
                        }
                        throw e;
                    }
                }).orElseThrow(() -> new IllegalStateException(
                        ProposalNotes.waitedTooLong(WAIT_FOR_OTHER_DEPLOYMENT.toMinutes())));
            } catch (RuntimeException e) {
                LOG.warn("Proposal {} was not applied: {}", proposal.id(), e.getMessage());
                proposals.failApproved(proposal.id(), e.getMessage());
            }
        });
    }

    /** The leader applies an APPROVED or FAILED proposal (again); 409 while another deployment runs. */
    ChannelProposal apply(Caller caller, long proposalId) {
        ChannelProposal proposal = proposals.view(caller, proposalId);
        if (!ChannelPolicy.canApply(caller, consortia.get(proposal.consortiumId()))) {
            throw PlatformException.forbidden("Only the consortium leader may apply a proposal");
        }
        start(proposalId, caller.username());
        return proposals.get(proposalId);
    }

    /**
     * An admin of the organisation takes it out of the consortium without a vote (see
     * {@link ChannelProposalService#proposeLeave}); the removal runs as an operation, as an approved
     * REMOVE_MEMBER's does. A leave that cannot start (the network not running, another operation)
     * is refused before anything is recorded.
     */
    ChannelProposal leave(Caller caller, long consortiumId, long organizationId) {
        if (!ChannelPolicy.canLeave(caller, organizationId)) {
            throw PlatformException.forbidden("Only an admin of organisation " + organizationId
                    + " takes it out of a consortium");
        }
        consortia.requireVisible(caller, consortiumId);
        requireNetwork(consortiumId, false, "leave again");
        if (deployments.isBusy(consortiumId)) {
            throw PlatformException.conflict("Another operation of consortium " + consortiumId + " is running; "
                    + "leave once it ended");
        }
        ChannelProposal proposal = proposals.proposeLeave(caller, consortiumId, organizationId);
        try {
            return start(proposal.id(), caller.username());
        } catch (RuntimeException e) {
            // an operation that began meanwhile: the leave is FAILED (not left APPROVED, under way for
            // ever) and leaving again applies it
            proposals.failApproved(proposal.id(), e.getMessage());
            throw e;
        }
    }

    /** A change of a channel, or of a consortium with active channels, is applied while the network runs. */
    private void requireNetwork(long consortiumId, boolean ofChannel, String then) {
        io.consortia.platform.consortium.Consortium consortium = consortia.get(consortiumId);
        boolean needsNetwork = ofChannel
                || channels.ofConsortium(consortiumId).stream().anyMatch(c -> "ACTIVE".equals(c.status()));
        if (needsNetwork && consortium.status() != io.consortia.platform.consortium.ConsortiumStatus.RUNNING) {
            throw PlatformException.conflict("The network of consortium " + consortium.id() + " is "
                    + consortium.status() + "; a change is applied on chain while it is RUNNING: start it, then "
                    + then);
        }
    }

    private ChannelProposal start(long proposalId, String actor) {
        ChannelProposal proposal = proposals.get(proposalId);
        if (!"APPROVED".equals(proposal.status()) && !"FAILED".equals(proposal.status())) {
            throw PlatformException.conflict("Proposal " + proposalId + " is " + proposal.status()
                    + "; only an APPROVED or FAILED proposal is applied");
        }
        requireNetwork(proposal.consortiumId(), proposal.channel() != null, "apply proposal " + proposalId + " again");
        String before = proposal.status();
        String note = proposal.note();
        // APPLYING first: the operation may finish (APPLIED) before operate() returns. Taken in one
        // conditional update: of two concurrent starts only one runs the operation; the other is refused
        // as a start of an APPLYING proposal is, and leaves the status alone.
        if (!proposals.claim(proposalId)) {
            throw PlatformException.conflict("Proposal " + proposalId + " is " + proposals.get(proposalId).status()
                    + "; only an APPROVED or FAILED proposal is applied");
        }
        try {
            Deployment deployment = deployments.operate(actor, proposal.consortiumId(), proposal.kind(),
                    steps -> run(proposals.get(proposalId), actor, steps));
            proposals.deployment(proposalId, deployment.id());
        } catch (RuntimeException e) {
            proposals.status(proposalId, before, note, null);
            throw e;
        }
        return proposals.get(proposalId);
    }

    private void run(ChannelProposal proposal, String actor, DeploymentSteps steps) {
        try {
            String detail = switch (ProposalKind.valueOf(proposal.kind())) {
                case ADD_ORGANIZATION -> addToChannel(proposal, actor, steps);
                case REMOVE_ORGANIZATION -> removeFromChannel(proposals.channelOf(proposal), proposal,
                        proposal.approvers(), actor, steps);
                case REMOVE_MEMBER, LEAVE_CONSORTIUM -> removeMember(proposal, actor, steps);
            };
            proposals.status(proposal.id(), "APPLIED", detail, null);
        } catch (RuntimeException e) {
            proposals.status(proposal.id(), "FAILED", e.getMessage(), null);
            throw e;
        }
    }

    private String addToChannel(ChannelProposal proposal, String actor, DeploymentSteps steps) {
        ChannelRecord channel = proposals.channelOf(proposal);
        changes.addOrganization(channel, proposal.organizationId(), proposal.approvers(), steps);
        consortia.record(proposal.consortiumId(), proposal.organizationId(), "ADDED_TO_CHANNEL", actor,
                "channel " + channel.name() + ", proposal " + proposal.id());
        return ProposalNotes.inChannel(proposal.organizationId(), channel.name());
    }

    private String removeFromChannel(ChannelRecord channel, ChannelProposal proposal, List<Long> signers,
            String actor, DeploymentSteps steps) {
        changes.removeOrganization(channel, proposal.organizationId(), signers, steps);
        consortia.record(proposal.consortiumId(), proposal.organizationId(), "REMOVED_FROM_CHANNEL", actor,
                "channel " + channel.name() + ", proposal " + proposal.id());
        return ProposalNotes.leftChannel(proposal.organizationId(), channel.name());
    }

    private String removeMember(ChannelProposal proposal, String actor, DeploymentSteps steps) {
        long organization = proposal.organizationId();
        for (ChannelRecord channel : channels.ofConsortium(proposal.consortiumId())) {
            if ("ACTIVE".equals(channel.status()) && channel.organizationIds().contains(organization)) {
                removeFromChannel(channel, proposal, signers(proposal, channel), actor, steps);
            }
        }
        deployments.removeOrganizationNodes(steps, proposal.consortiumId(), organization, actor);
        boolean left = ProposalKind.LEAVE_CONSORTIUM.name().equals(proposal.kind());
        steps.step(DeploymentTexts.REMOVE_ORGANIZATION.of(organization), null, () -> {
            consortia.leave(proposal.consortiumId(), organization, actor, (left ? "left on its own, " : "")
                    + "proposal " + proposal.id());
            // moot either way: nobody is to vote on, or apply, a change for an organisation no longer a member
            proposals.withdrawProposalsAbout(proposal.consortiumId(), organization, proposal.id(),
                    left ? ProposalNotes.withdrawn(organization, proposal.id())
                            : ProposalNotes.withdrawnByVote(organization, proposal.id()));
            return DeploymentTexts.HISTORY_STAYS.of();
        });
        deployments.replaceTrustedRoots(steps, proposal.consortiumId());
        return left ? ProposalNotes.leftConsortium(organization) : ProposalNotes.votedOut(organization);
    }

    /**
     * Who signs taking the organisation out of the channel. Voted out: the members that approved and
     * are in the channel. Leaving on its own: the organisation first (it submits), then every other
     * organisation of the channel, whose custodial admins sign what the platform's rule already
     * decided (nobody is kept in a consortium against its will), as they sign a member's nodes.
     */
    private static List<Long> signers(ChannelProposal proposal, ChannelRecord channel) {
        if (ProposalKind.LEAVE_CONSORTIUM.name().equals(proposal.kind())) {
            List<Long> signers = new java.util.ArrayList<>(List.of(proposal.organizationId()));
            channel.organizationIds().stream().filter(o -> o != proposal.organizationId()).forEach(signers::add);
            return signers;
        }
        return proposal.approvers().stream().filter(channel.organizationIds()::contains).toList();
    }

    @PreDestroy
    void shutdown() {
        waiting.shutdownNow();
    }
}
