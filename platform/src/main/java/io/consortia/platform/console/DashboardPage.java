package io.consortia.platform.console;

import io.consortia.platform.channel.ChannelProposal;
import io.consortia.platform.channel.ChannelProposalService;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumPolicy;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.Invitation;
import io.consortia.platform.consortium.InvitationService;
import io.consortia.platform.consortium.ReceivedInvitation;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.explorer.Activity;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationPolicy;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.web.ConsolePage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The first page after sign-in: the user's consortia, their nodes and activity, and what waits for them. */
@ConsolePage
class DashboardPage {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final InvitationService invitations;
    private final ChannelProposalService proposals;
    private final ChannelService channels;
    private final Nodes nodes;
    private final Activity activity;
    private final OrganizationService organizations;

    DashboardPage(CurrentUser currentUser, ConsortiumService consortia, InvitationService invitations,
            ChannelProposalService proposals, ChannelService channels, Nodes nodes, Activity activity,
            OrganizationService organizations) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.invitations = invitations;
        this.proposals = proposals;
        this.channels = channels;
        this.nodes = nodes;
        this.activity = activity;
        this.organizations = organizations;
    }

    /** One consortium's tile on the dashboard. */
    record Tile(long id, String name, String status, String scheme, int members, long nodesUp, long nodesTotal,
            long height, long transactions) {}

    @GetMapping("/console")
    String dashboard(Model model) {
        Caller caller = currentUser.get();
        List<Tile> tiles = new ArrayList<>();
        List<ChannelRecord> allChannels = new ArrayList<>();
        for (Consortium c : consortia.list(caller)) {
            List<NodeRecord> network = nodes.ofConsortium(c.id());
            List<ChannelRecord> own = channels.ofConsortium(c.id());
            allChannels.addAll(own);
            tiles.add(new Tile(c.id(), c.name(), c.status().name(), c.signatureScheme().name(),
                    consortia.memberIds(c.id()).size(),
                    network.stream().filter(n -> n.status() == NodeStatus.RUNNING).count(), network.size(),
                    own.stream().mapToLong(activity::height).sum(),
                    own.stream().mapToLong(activity::transactions).sum()));
        }
        model.addAttribute("tiles", tiles);
        model.addAttribute("canCreateConsortium", ConsortiumPolicy.canCreate(caller));
        model.addAttribute("canCreateOrganization", OrganizationPolicy.canCreate(caller));
        model.addAttribute("nodesUp", tiles.stream().mapToLong(Tile::nodesUp).sum());
        model.addAttribute("nodesDown", tiles.stream().mapToLong(t -> t.nodesTotal() - t.nodesUp()).sum());
        List<ReceivedInvitation> mine = invitations.mine(caller);
        List<ReceivedInvitation> pending = mine.stream()
                .filter(i -> "PENDING".equals(i.invitation().status())).toList();
        model.addAttribute("invitations", pending);
        model.addAttribute("ended", EndedInvitations.recent(
                mine.stream().map(ReceivedInvitation::invitation).toList(), Instant.now()));
        model.addAttribute("answerable", pending.stream().map(ReceivedInvitation::invitation)
                .filter(i -> ConsortiumPolicy.canAnswer(caller, i)).map(Invitation::id).toList());
        List<ChannelProposal> awaiting = proposals.awaitingVote(caller);
        model.addAttribute("proposals", awaiting);
        model.addAttribute("votable", awaiting.stream().filter(p -> proposals.canVoteOn(caller, p))
                .map(ChannelProposal::id).toList());
        model.addAttribute("organizationNames", organizations.names());
        model.addAttribute("series", activity.lastHour(allChannels).json());
        return "console/dashboard";
    }
}
