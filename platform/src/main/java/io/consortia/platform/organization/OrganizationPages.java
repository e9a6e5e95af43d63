package io.consortia.platform.organization;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.identity.UserService;
import io.consortia.platform.identity.UserView;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Organisations and their people: the directory, members with roles and whether they are enabled,
 * certificates with expiry, key export.
 */
@ConsolePage
class OrganizationPages {
    private final CurrentUser currentUser;
    private final OrganizationService organizations;
    private final UserService users;
    private final Members members;
    private final OrganizationCertificates certificates;

    OrganizationPages(CurrentUser currentUser, OrganizationService organizations, UserService users, Members members,
            OrganizationCertificates certificates) {
        this.currentUser = currentUser;
        this.organizations = organizations;
        this.users = users;
        this.members = members;
        this.certificates = certificates;
    }

    @GetMapping("/console/organizations")
    String list(Model model) {
        Caller caller = currentUser.get();
        boolean everything = OrganizationPolicy.canReadEvery(caller);
        if (!everything && caller.organizationId() != null) {
            return "redirect:/console/organizations/" + caller.organizationId();
        }
        model.addAttribute("organizations", organizations.all());
        model.addAttribute("canCreate", OrganizationPolicy.canCreate(caller));
        model.addAttribute("platformUsers", everything ? users.all(caller).stream()
                .filter(u -> u.platformRole() != null).toList() : List.of());
        return "console/organizations";
    }

    @GetMapping("/console/organizations/{id}")
    String organization(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        OrganizationPolicy.requireReadPrivate(caller, id);
        model.addAttribute("organization", organizations.get(id));
        List<UserView> users = members.of(caller, id);
        model.addAttribute("members", users);
        model.addAttribute("onlyAdmin", onlyAdmin(users));
        model.addAttribute("certificates", certificates.of(caller, id));
        model.addAttribute("canManage", OrganizationPolicy.canManageMembers(caller, id));
        model.addAttribute("canExport", OrganizationPolicy.canExportKeys(caller, id));
        return "console/organization";
    }

    /**
     * The organisation's admin when it has just one enabled, whom the platform will neither demote,
     * remove nor disable (409) until another user is an enabled admin; counted from the rows already
     * read, no query.
     */
    static String onlyAdmin(List<UserView> members) {
        List<UserView> admins = members.stream()
                .filter(u -> u.enabled() && u.organizationRole() == OrganizationRole.ADMIN).toList();
        return admins.size() == 1 ? admins.get(0).username() : null;
    }
}
