package io.consortia.platform.channel;

import io.consortia.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
    private final CurrentUser currentUser;

    ChannelController(ChannelService channels, ChannelProposalService proposals, CurrentUser currentUser) {
        this.channels = channels;
        this.proposals = proposals;
        this.currentUser = currentUser;
    }

    /** @param organizationIds member organisations in the channel; all members when empty */
    record NewChannel(@NotBlank @Size(max = 30) String name, @Size(max = 100) List<Long> organizationIds) {}

    record NewProposal(@NotNull Long organizationId) {}

    record NewVote(@NotNull Boolean approve) {}

    @Operation(summary = "Create a channel with some member organisations (consortium leader); answers when it serves")
    @PostMapping("/consortia/{id}/channels")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelRecord create(@PathVariable long id, @Valid @RequestBody NewChannel request) {
        return channels.create(currentUser.get(), id, request.name(), request.organizationIds());
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

    @Operation(summary = "Propose adding an organisation to the channel (consortium leader)")
    @PostMapping("/consortia/{id}/channels/{channel}/proposals")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelProposal propose(@PathVariable long id, @PathVariable String channel,
            @Valid @RequestBody NewProposal request) {
        return proposals.propose(currentUser.get(), id, channel, request.organizationId());
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

    @Operation(summary = "Vote on a proposal (admins of the channel's organisations; policy MAJORITY)")
    @PostMapping("/channel-proposals/{proposalId}/votes")
    ChannelProposal vote(@PathVariable long proposalId, @Valid @RequestBody NewVote vote) {
        return proposals.vote(currentUser.get(), proposalId, vote.approve());
    }
}
