package io.consortia.platform.gateway;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** An organisation's applications and their access keys: register, issue (secret shown once), revoke. */
@ConsolePage
class ApplicationPages {
    private final CurrentUser currentUser;
    private final ApplicationService applications;
    private final ConsortiumService consortia;

    ApplicationPages(CurrentUser currentUser, ApplicationService applications, ConsortiumService consortia) {
        this.currentUser = currentUser;
        this.applications = applications;
        this.consortia = consortia;
    }

    /** An application with its keys, as the page lists them. */
    record Row(Application application, String consortium, List<ApplicationController.KeyView> keys) {}

    @GetMapping("/console/organizations/{id}/applications")
    String applications(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        List<Row> rows = applications.applications(caller, id).stream()
                .map(a -> new Row(a, consortia.get(a.consortiumId()).name(),
                        applications.keys(caller, id, a.id()).stream().map(ApplicationController.KeyView::of).toList()))
                .toList();
        model.addAttribute("organizationId", id);
        model.addAttribute("rows", rows);
        model.addAttribute("consortia", consortia.list(caller).stream()
                .filter(c -> consortia.isMember(c.id(), id)).toList());
        model.addAttribute("canManage", GatewayPolicy.canManage(caller, id));
        return "console/applications";
    }
}
