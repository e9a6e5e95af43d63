package io.consortia.platform.consortium;

import io.consortia.platform.console.ConsolePage;
import io.consortia.platform.console.OrganizationNames;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Consortium pages: the list, the create wizard (details, invitations, deployment with live
 * progress) and the members tab. Writes go through the REST API from the browser.
 */
@ConsolePage
class ConsortiumPages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final InvitationService invitations;
    private final OrganizationService organizations;
    private final DeploymentService deployments;

    ConsortiumPages(CurrentUser currentUser, ConsortiumService consortia, InvitationService invitations,
            OrganizationService organizations, DeploymentService deployments) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.invitations = invitations;
        this.organizations = organizations;
        this.deployments = deployments;
    }

    @GetMapping("/console/consortia")
    String list(Model model) {
        model.addAttribute("consortia", consortia.list(currentUser.get()));
        return "console/consortia";
    }

    @GetMapping("/console/consortia/new")
    String wizard(Model model) {
        model.addAttribute("schemes", SchemeChoice.values());
        model.addAttribute("targets", NewConsortium.DeploymentTarget.values());
        return "console/consortium-new";
    }

    /**
     * Wizard steps 2 and 3: invite organisations, watch the answers, deploy and follow the
     * progress. {@code deployment} selects which deployment's progress to show (default: latest DEPLOY).
     */
    @GetMapping("/console/consortia/{id}/setup")
    String setup(@PathVariable long id, @RequestParam(required = false) Long deployment, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        model.addAttribute("consortium", consortium);
        model.addAttribute("leader", caller.isAdminOf(consortium.leaderOrganizationId()));
        addMembership(model, caller, consortium);
        List<Deployment> history = deployments.list(caller, id);
        Deployment shown = deployment == null
                ? history.stream().filter(d -> "DEPLOY".equals(d.action())).findFirst().orElse(null)
                : deployments.get(caller, deployment);
        model.addAttribute("deployment", shown);
        return "console/consortium-setup";
    }

    /** The invitation table alone, which the setup page refreshes while it waits for answers. */
    @GetMapping("/console/consortia/{id}/invitations")
    String invitationsFragment(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        model.addAttribute("consortium", consortium);
        addMembership(model, caller, consortium);
        return "console/consortium-setup :: invitations";
    }

    @GetMapping("/console/consortia/{id}/members")
    String members(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        model.addAttribute("consortium", consortium);
        model.addAttribute("leader", caller.isAdminOf(consortium.leaderOrganizationId()));
        model.addAttribute("history", consortia.history(caller, id));
        addMembership(model, caller, consortium);
        return "console/consortium-members";
    }

    private void addMembership(Model model, Caller caller, Consortium consortium) {
        List<Organization> members = consortia.members(consortium.id());
        List<Invitation> sent = invitations.ofConsortium(caller, consortium.id());
        Set<Long> taken = members.stream().map(Organization::id).collect(Collectors.toSet());
        sent.stream().filter(i -> "PENDING".equals(i.status())).forEach(i -> taken.add(i.organizationId()));
        model.addAttribute("members", members);
        model.addAttribute("invitations", sent);
        model.addAttribute("invitable", organizations.all().stream().filter(o -> !taken.contains(o.id())).toList());
        model.addAttribute("pendingCount", sent.stream().filter(i -> "PENDING".equals(i.status())).count());
        model.addAttribute("organizationNames", OrganizationNames.of(organizations));
    }
}
