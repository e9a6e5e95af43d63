package io.consortia.platform.certificate;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.KeyView;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One member organisation's certificates in custody with their PEMs (what an application needs
 * to trust the organisation's roots), filtered as the inventory is: which users and applications
 * an organisation has is its own business ({@link CertificatePolicy#canSee}).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Certificates")
class MemberCertificateController {
    private final ConsortiumService consortia;
    private final CustodyService custody;
    private final CurrentUser currentUser;

    MemberCertificateController(ConsortiumService consortia, CustodyService custody, CurrentUser currentUser) {
        this.consortia = consortia;
        this.custody = custody;
        this.currentUser = currentUser;
    }

    @Operation(summary = "A member organisation's certificates in the consortium (public parts only)",
            description = "Roots, admins and nodes for every member; users' and client TLS certificates for the "
                    + "organisation's own users, the leader, platform admins and auditors.")
    @GetMapping("/consortia/{id}/organizations/{organizationId}/certificates")
    List<KeyView> certificates(@PathVariable long id, @PathVariable long organizationId) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        if (!consortia.isMember(id, organizationId)) {
            throw PlatformException.notFound("Member organisation", organizationId);
        }
        return custody.certificates(id, organizationId).stream()
                .filter(k -> CertificatePolicy.canSee(caller, consortium, organizationId, k.purpose()))
                .toList();
    }
}
