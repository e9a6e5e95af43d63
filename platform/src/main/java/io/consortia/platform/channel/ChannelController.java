package io.consortia.platform.channel;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.AuditNotes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Channels")
class ChannelController {
    private final ChannelService channels;
    private final ChannelProposalService proposals;
    private final ProposalExecution execution;
    private final CurrentUser currentUser;

    ChannelController(ChannelService channels, ChannelProposalService proposals, ProposalExecution execution,
            CurrentUser currentUser) {
        this.channels = channels;
        this.proposals = proposals;
        this.execution = execution;
        this.currentUser = currentUser;
    }

    /**
     * @param organizationIds the channel's organisations; left out: every member of the consortium. An
     *     explicitly empty list is refused (400), not read as "every member": a console that sent the
     *     choice of none created a channel with all organisations (found by a tester).
     */
    record NewChannel(@NotBlank @Pattern(regexp = ChannelService.NAME, message = "must be 1-30 of a-z, 0-9 and '-',"
            + " starting with a letter") String name,
            @Size(min = 1, max = 100, message = "must name 1 to 100 member organisations; leave the field out for"
                    + " every member of the consortium") List<@NotNull Long> organizationIds) {}

    /** @param kind ADD_ORGANIZATION (default) or REMOVE_ORGANIZATION */
    record NewProposal(@NotNull Long organizationId, ProposalKind kind) {}

    record NewRemoval(@NotNull Long organizationId) {}

    record NewVote(@NotNull Boolean approve) {}

    @Operation(summary = "Create a channel with some member organisations (consortium leader); answers when it serves",
            description = "organizationIds left out: every member organisation of the consortium; an empty list is"
                    + " refused (400 naming organizationIds).")
    @PostMapping("/consortia/{id}/channels")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelRecord create(@PathVariable long id, @Valid @RequestBody NewChannel request) {
        ChannelRecord created = channels.create(currentUser.get(), id, request.name(), request.organizationIds());
        AuditNotes.note("channelId", created.id());
        AuditNotes.note("channel", created.name());
        AuditNotes.note("organizations", created.organizationIds());
        AuditNotes.note("channelStatus", created.status());
        return created;
    }

    @Operation(summary = "The consortium's channels")
    @GetMapping("/consortia/{id}/channels")
    List<ChannelRecord> list(@PathVariable long id) {
        return channels.list(currentUser.get(), id);
    }

    @Operation(summary = "One channel")
    @GetMapping("/consortia/{id}/channels/{channel}")
    ChannelRecord get(@PathVariable long id, @PathVariable String channel) {
        return channels.get(currentUser.get(), id, channel);
    }

    @Operation(summary = "Propose adding an organisation to the channel, or removing one (consortium leader)",
            description = "kind ADD_ORGANIZATION (default) or REMOVE_ORGANIZATION. Once the channel's organisations "
                    + "approve (MAJORITY), the change is signed by the approving organisations' custodial admin "
                    + "identities and applied on chain as an operation with steps (deploymentId); the proposal ends "
                    + "APPLIED, or FAILED with the reason.")
    @PostMapping("/consortia/{id}/channels/{channel}/proposals")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelProposal propose(@PathVariable long id, @PathVariable String channel,
            @Valid @RequestBody NewProposal request) {
        return noted(proposals.propose(currentUser.get(), id, channel, request.organizationId(),
                request.kind() == null ? ProposalKind.ADD_ORGANIZATION : request.kind()));
    }

    @Operation(summary = "Propose removing a member from the consortium (consortium leader)",
            description = "Every member organisation votes (MAJORITY). Once approved, the organisation's nodes leave "
                    + "every channel's Raft group, the organisation leaves every channel, its nodes are stopped and "
                    + "deleted and it is no longer a member; its users' transactions are refused from then on.")
    @PostMapping("/consortia/{id}/proposals")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelProposal proposeRemoval(@PathVariable long id, @Valid @RequestBody NewRemoval request) {
        return noted(proposals.proposeRemoval(currentUser.get(), id, request.organizationId()));
    }

    @Operation(summary = "Leave the consortium (an admin of the organisation, or a platform admin); no vote",
            description = "Nobody is kept in a consortium against its will: the organisation's removal runs at once, "
                    + "as an approved REMOVE_MEMBER does (its nodes leave every channel's Raft group, it leaves every "
                    + "channel, its nodes are stopped and deleted, it is no longer a member, the remaining nodes "
                    + "reload their trusted TLS roots). Answers 202 with an APPROVED or APPLYING proposal of kind "
                    + "LEAVE_CONSORTIUM and its deploymentId; follow GET /api/v1/deployments/{deploymentId}. A leave "
                    + "that FAILED is applied again by leaving again. 409 (nothing changed) for the leading "
                    + "organisation, a non-member, a removal of it already under way, an ADD_ORGANIZATION or "
                    + "REMOVE_ORGANIZATION of it on a channel APPROVED or APPLYING, the only organisation or "
                    + "nodes of a channel, a network not RUNNING while channels are active, or another running "
                    + "operation of the consortium.")
    @PostMapping("/consortia/{id}/members/{organizationId}/leave")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ChannelProposal leave(@PathVariable long id, @PathVariable long organizationId) {
        return noted(execution.leave(currentUser.get(), id, organizationId));
    }

    @Operation(summary = "Every proposal of the consortium and of its channels, newest first")
    @GetMapping("/consortia/{id}/proposals")
    List<ChannelProposal> consortiumProposals(@PathVariable long id) {
        return proposals.ofConsortium(currentUser.get(), id);
    }

    @Operation(summary = "The channel's proposals with their votes")
    @GetMapping("/consortia/{id}/channels/{channel}/proposals")
    List<ChannelProposal> proposals(@PathVariable long id, @PathVariable String channel) {
        return proposals.list(currentUser.get(), id, channel);
    }

    @Operation(summary = "One proposal")
    @GetMapping("/channel-proposals/{proposalId}")
    ChannelProposal proposal(@PathVariable long proposalId) {
        return proposals.view(currentUser.get(), proposalId);
    }

    @Operation(summary = "Vote on a proposal (admins of the organisations concerned; policy MAJORITY)",
            description = "The vote that approves it starts applying it on chain (status APPROVED, then APPLYING "
                    + "with deploymentId; follow GET /api/v1/deployments/{deploymentId}). Refused (409, nothing "
                    + "recorded) while the organisation the proposal is about leaves the consortium on its own "
                    + "(its LEAVE_CONSORTIUM APPROVED or APPLYING): the leave withdraws the proposal once done.")
    @PostMapping("/channel-proposals/{proposalId}/votes")
    ChannelProposal vote(@PathVariable long proposalId, @Valid @RequestBody NewVote vote) {
        ChannelProposal decided = proposals.vote(currentUser.get(), proposalId, vote.approve());
        AuditNotes.note("vote", vote.approve() ? "APPROVE" : "REJECT");
        noted(decided);
        execution.approved(decided, currentUser.get().username());
        return decided;
    }

    @Operation(summary = "Apply an APPROVED or FAILED proposal again (consortium leader); 409 while another "
            + "deployment of the consortium runs")
    @PostMapping("/channel-proposals/{proposalId}/apply")
    ChannelProposal apply(@PathVariable long proposalId) {
        return noted(execution.apply(currentUser.get(), proposalId));
    }

    /** The proposal's facts for the audit record: which one, of what kind, about which organisation, where it stands. */
    private static ChannelProposal noted(ChannelProposal proposal) {
        AuditNotes.note("proposal", proposal.id());
        AuditNotes.note("kind", proposal.kind());
        AuditNotes.note("channel", proposal.channel());
        AuditNotes.note("organization", proposal.organizationId());
        AuditNotes.note("proposalStatus", proposal.status());
        AuditNotes.note("deployment", proposal.deploymentId());
        return proposal;
    }
}
