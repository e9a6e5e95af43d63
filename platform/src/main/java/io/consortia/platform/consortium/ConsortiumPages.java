package io.consortia.platform.consortium;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.KubernetesProperties;
import io.consortia.platform.web.ConsolePage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Consortium pages: the list, the create wizard's first step (details), the invitation table
 * and the members tab. The wizard's invite-and-deploy step is the deployment feature's
 * ({@code deploy/DeploymentPages}). Writes go through the REST API from the browser.
 */
@ConsolePage
class ConsortiumPages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final MembershipModel membership;
    private final KubernetesProperties kubernetes;

    ConsortiumPages(CurrentUser currentUser, ConsortiumService consortia, MembershipModel membership,
            KubernetesProperties kubernetes) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.membership = membership;
        this.kubernetes = kubernetes;
    }

    @GetMapping("/console/consortia")
    String list(Model model) {
        Caller caller = currentUser.get();
        model.addAttribute("consortia", consortia.list(caller));
        model.addAttribute("canCreate", ConsortiumPolicy.canCreate(caller));
        return "console/consortia";
    }

    @GetMapping("/console/consortia/new")
    String wizard(Model model) {
        model.addAttribute("canCreate", ConsortiumPolicy.canCreate(currentUser.get()));
        model.addAttribute("schemes", SchemeChoice.values());
        model.addAttribute("targets", NewConsortium.DeploymentTarget.available(kubernetes));
        model.addAttribute("kubernetes", kubernetes.enabled());
        return "console/consortium-new";
    }

    /** The invitation table alone, which the setup page refreshes while it waits for answers. */
    @GetMapping("/console/consortia/{id}/invitations")
    String invitationsFragment(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        membership.addTo(model, caller, consortia.requireVisible(caller, id));
        return "console/consortium-setup :: invitations";
    }

    @GetMapping("/console/consortia/{id}/members")
    String members(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        membership.addTo(model, caller, consortia.requireVisible(caller, id));
        model.addAttribute("history", consortia.history(caller, id));
        return "console/consortium-members";
    }
}
