package io.consortia.platform.organization;

import io.consortia.crypto.Pem;
import io.consortia.platform.console.ConsolePage;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.KeyView;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.identity.UserService;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Organisations and their people: the directory, members with roles, certificates with expiry, key export. */
@ConsolePage
class OrganizationPages {
    private final CurrentUser currentUser;
    private final OrganizationService organizations;
    private final UserService users;
    private final CustodyService custody;
    private final ConsortiumService consortia;

    OrganizationPages(CurrentUser currentUser, OrganizationService organizations, UserService users,
            CustodyService custody, ConsortiumService consortia) {
        this.currentUser = currentUser;
        this.organizations = organizations;
        this.users = users;
        this.custody = custody;
        this.consortia = consortia;
    }

    /** A certificate in custody as the page shows it. */
    record CertificateRow(KeyView key, String consortium, Instant notAfter, boolean expiresSoon) {}

    @GetMapping("/console/organizations")
    String list(Model model) {
        Caller caller = currentUser.get();
        if (!caller.seesEverything() && caller.organizationId() != null) {
            return "redirect:/console/organizations/" + caller.organizationId();
        }
        model.addAttribute("organizations", organizations.all());
        model.addAttribute("platformUsers", caller.seesEverything() ? users.all(caller).stream()
                .filter(u -> u.platformRole() != null).toList() : List.of());
        return "console/organizations";
    }

    @GetMapping("/console/organizations/{id}")
    String organization(@PathVariable long id, Model model) {
        Caller caller = currentUser.get();
        caller.requireCanReadOrganization(id);
        Organization organization = organizations.get(id);
        Map<Long, String> consortiumNames = new HashMap<>();
        for (Consortium c : consortia.list(caller)) {
            consortiumNames.put(c.id(), c.name());
        }
        Instant soon = Instant.now().plusSeconds(30L * 24 * 3600);
        List<CertificateRow> certificates = custody.keys(caller, id).stream().map(k -> {
            X509Certificate certificate = Pem.readCertificate(k.certificatePem());
            Instant notAfter = certificate.getNotAfter().toInstant();
            return new CertificateRow(k, consortiumNames.getOrDefault(k.consortiumId(), "#" + k.consortiumId()),
                    notAfter, notAfter.isBefore(soon));
        }).toList();
        model.addAttribute("organization", organization);
        model.addAttribute("members", users.members(caller, id));
        model.addAttribute("certificates", certificates);
        model.addAttribute("canManage", caller.isPlatformAdmin() || caller.isAdminOf(id));
        model.addAttribute("canExport", caller.isAdminOf(id));
        return "console/organization";
    }
}
