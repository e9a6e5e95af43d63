package io.consortia.platform.channel;

import io.consortia.platform.console.ConsolePage;
import io.consortia.platform.console.OrganizationNames;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.explorer.Activity;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationService;
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
    private final Activity activity;
    private final OrganizationService organizations;

    ChannelPages(CurrentUser currentUser, ConsortiumService consortia, ChannelService channels,
            ChannelProposalService proposals, Activity activity, OrganizationService organizations) {
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
        model.addAttribute("leader", caller.isAdminOf(consortium.leaderOrganizationId()));
        model.addAttribute("members", consortia.members(id));
        model.addAttribute("organizationNames", OrganizationNames.of(organizations));
        return "console/channels";
    }

    @GetMapping("/console/consortia/{id}/channels/{name}")
    String channel(@PathVariable long id, @PathVariable String name, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        ChannelRecord channel = channels.get(caller, id, name);
        boolean leader = caller.isAdminOf(consortium.leaderOrganizationId());
        List<ChannelProposal> all = proposals.list(caller, id, name);
        model.addAttribute("consortium", consortium);
        model.addAttribute("channel", channel);
        model.addAttribute("leader", leader);
        model.addAttribute("height", activity.height(channel));
        model.addAttribute("contracts", activity.contracts(channel));
        model.addAttribute("proposals", all);
        boolean canVote = caller.isOrganizationAdmin() && channel.organizationIds().contains(caller.organizationId());
        model.addAttribute("votable", all.stream().filter(p -> canVote && "PENDING".equals(p.status()))
                .filter(p -> p.votes().stream().noneMatch(v -> v.organizationId() == caller.organizationId()))
                .map(ChannelProposal::id).toList());
        model.addAttribute("candidates", consortia.members(id).stream()
                .filter(o -> !channel.organizationIds().contains(o.id())).toList());
        model.addAttribute("organizationNames", OrganizationNames.of(organizations));
        return "console/channel";
    }
}
