package io.consortia.platform.deploy;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.MembershipModel;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The wizard's invite-and-deploy step and a deployment's live progress. */
@ConsolePage
class DeploymentPages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final MembershipModel membership;
    private final DeploymentService deployments;

    DeploymentPages(CurrentUser currentUser, ConsortiumService consortia, MembershipModel membership,
            DeploymentService deployments) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.membership = membership;
        this.deployments = deployments;
    }

    /**
     * Wizard steps 2 and 3: invite organisations, watch the answers, deploy and follow the
     * progress. {@code deployment} selects which deployment's progress to show (default: latest DEPLOY).
     */
    @GetMapping("/console/consortia/{id}/setup")
    String setup(@PathVariable long id, @RequestParam(required = false) Long deployment, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        membership.addTo(model, caller, consortium);
        model.addAttribute("leader", NodePolicy.canRunNetwork(caller, consortium));
        List<Deployment> history = deployments.list(caller, id);
        Deployment shown = deployment == null
                ? history.stream().filter(d -> "DEPLOY".equals(d.action())).findFirst().orElse(null)
                : deployments.get(caller, deployment);
        model.addAttribute("deployment", shown);
        return "console/consortium-setup";
    }

    @GetMapping("/console/deployments/{deploymentId}/progress")
    String progress(@PathVariable long deploymentId, Model model) {
        model.addAttribute("deployment", deployments.get(currentUser.get(), deploymentId));
        return "console/progress-fragment";
    }
}
