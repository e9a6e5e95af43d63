package io.consortia.platform.channel;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An organisation's leave of a consortium, followed by its admin from the Leave button to the end.
 * The consortium's pages refuse the admin once the organisation left, mid-operation; this page is
 * the leave's own (see {@link ChannelProposalService#leaveOf}), so it shows the end too.
 */
@ConsolePage
class LeavePages {
    private final CurrentUser currentUser;
    private final ChannelProposalService proposals;
    private final ConsortiumService consortia;
    private final DeploymentService deployments;
    private final OrganizationService organizations;

    LeavePages(CurrentUser currentUser, ChannelProposalService proposals, ConsortiumService consortia,
            DeploymentService deployments, OrganizationService organizations) {
        this.currentUser = currentUser;
        this.proposals = proposals;
        this.consortia = consortia;
        this.deployments = deployments;
        this.organizations = organizations;
    }

    @GetMapping("/console/leaves/{proposalId}")
    String leave(@PathVariable long proposalId, Model model) {
        addTo(model, currentUser.get(), proposalId);
        return "console/leave";
    }

    /** The leave's section alone, which the page fetches again while the leave runs. */
    @GetMapping("/console/leaves/{proposalId}/progress")
    String progress(@PathVariable long proposalId, Model model) {
        addTo(model, currentUser.get(), proposalId);
        return "console/leave :: leave";
    }

    private void addTo(Model model, Caller caller, long proposalId) {
        ChannelProposal leave = proposals.leaveOf(caller, proposalId);
        model.addAttribute("leave", leave);
        model.addAttribute("running", List.of("APPROVED", "APPLYING").contains(leave.status()));
        model.addAttribute("consortiumName", consortia.get(leave.consortiumId()).name());
        model.addAttribute("organizationName", organizations.names().getOrDefault(leave.organizationId(),
                String.valueOf(leave.organizationId())));
        model.addAttribute("deployment", leave.deploymentId() == null ? null
                : deployments.record(leave.deploymentId()).orElse(null));
    }
}
