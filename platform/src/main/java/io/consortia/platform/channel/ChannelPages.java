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

/** Channels tab: the list with heights, creation, one channel's members, contracts and proposals; the Proposals tab. */
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
        model.addAttribute("votable", votable(caller, all));
        model.addAttribute("leaving", proposals.leavesUnderWay(id));
        model.addAttribute("removableFromChannel", channel.organizationIds().size() < 2 ? List.of()
                : channel.organizationIds());
        model.addAttribute("candidates", consortia.members(id).stream()
                .filter(o -> !channel.organizationIds().contains(o.id())).toList());
        model.addAttribute("organizationNames", organizations.names());
        return "console/channel";
    }

    /** Every proposal of the consortium with votes and operations; the leader proposes removing a member here. */
    @GetMapping("/console/consortia/{id}/proposals")
    String proposals(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<ChannelProposal> all = proposals.ofConsortium(caller, id);
        boolean leader = ChannelPolicy.canCreate(caller, consortium);
        model.addAttribute("consortium", consortium);
        model.addAttribute("leader", leader);
        model.addAttribute("proposals", all);
        model.addAttribute("votable", votable(caller, all));
        model.addAttribute("leaving", proposals.leavesUnderWay(id));
        model.addAttribute("removable", consortia.members(id).stream()
                .filter(o -> o.id() != consortium.leaderOrganizationId()).toList());
        model.addAttribute("organizationNames", organizations.names());
        return "console/proposals";
    }

    /** Pending proposals the caller may still vote on. */
    private List<Long> votable(Caller caller, List<ChannelProposal> all) {
        return all.stream().filter(p -> "PENDING".equals(p.status()) && proposals.canVoteOn(caller, p))
                .filter(p -> p.votes().stream().noneMatch(v -> v.organizationId() == caller.organizationId()))
                .map(ChannelProposal::id).toList();
    }
}
