package io.consortia.platform.channel;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Channels tab: the list with heights, creation, and one channel's members, contracts and proposals. */
@ConsolePage
class ChannelPages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final ChannelService channels;
    private final ChannelProposalService proposals;
    private final ChannelActivity activity;
    private final OrganizationService organizations;

    ChannelPages(CurrentUser currentUser, ConsortiumService consortia, ChannelService channels,
            ChannelProposalService proposals, ChannelActivity activity, OrganizationService organizations) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.channels = channels;
        this.proposals = proposals;
        this.activity = activity;
        this.organizations = organizations;
    }

    /** A channel's row: the record with its indexed height and transactions. */
    record Row(ChannelRecord channel, long height, long transactions) {}

    @GetMapping("/console/consortia/{id}/channels")
    String list(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        model.addAttribute("consortium", consortium);
        model.addAttribute("rows", channels.list(caller, id).stream()
                .map(c -> new Row(c, activity.height(c), activity.transactions(c))).toList());
        model.addAttribute("leader", ChannelPolicy.canCreate(caller, consortium));
        model.addAttribute("members", consortia.members(id));
        model.addAttribute("organizationNames", organizations.names());
        return "console/channels";
    }

    @GetMapping("/console/consortia/{id}/channels/{name}")
    String channel(@PathVariable long id, @PathVariable String name, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        ChannelRecord channel = channels.get(caller, id, name);
        List<ChannelProposal> all = proposals.list(caller, id, name);
        model.addAttribute("consortium", consortium);
        model.addAttribute("channel", channel);
        model.addAttribute("leader", ChannelPolicy.canCreate(caller, consortium));
        model.addAttribute("height", activity.height(channel));
        model.addAttribute("contracts", activity.contracts(channel));
        model.addAttribute("proposals", all);
        boolean canVote = ChannelPolicy.canVote(caller, channel);
        model.addAttribute("votable", all.stream().filter(p -> canVote && "PENDING".equals(p.status()))
                .filter(p -> p.votes().stream().noneMatch(v -> v.organizationId() == caller.organizationId()))
                .map(ChannelProposal::id).toList());
        model.addAttribute("candidates", consortia.members(id).stream()
                .filter(o -> !channel.organizationIds().contains(o.id())).toList());
        model.addAttribute("organizationNames", organizations.names());
        return "console/channel";
    }
}
