package io.consortia.platform.certificate;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Certificates tab: every certificate with its expiry and status; renew, renew all expiring, revoke,
 * put an organisation's revocation list on chain again.
 */
@ConsolePage
class CertificatePages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final CertificateService certificates;
    private final DeploymentService deployments;

    CertificatePages(CurrentUser currentUser, ConsortiumService consortia, CertificateService certificates,
            DeploymentService deployments) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.certificates = certificates;
        this.deployments = deployments;
    }

    /** A certificate's row with what the caller may do to it. */
    record Row(CertificateView certificate, boolean canRenew, boolean canRevoke) {}

    /** An organisation whose revocation list the caller may put on chain, and how many certificates it lists. */
    record Publishable(long id, String displayName, long revoked) {}

    @GetMapping("/console/consortia/{id}/certificates")
    String certificates(@PathVariable long id, @RequestParam(required = false) Long deployment,
            @RequestParam(required = false) String status, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<CertificateView> all = certificates.list(caller, id);
        List<Row> rows = all.stream()
                .filter(c -> status == null || status.isBlank() || c.status().name().equals(status))
                .map(c -> {
                    boolean issued = c.role() != KeyPurpose.CA_ROOT && c.role() != KeyPurpose.TLS_ROOT;
                    return new Row(c, issued && c.inUse() && CertificatePolicy.canRenew(caller, consortium,
                            c.organizationId()), issued && CertificatePolicy.canRevoke(caller, c.organizationId())
                            && c.status() != CertificateStatus.REVOKED && c.status() != CertificateStatus.EXPIRED);
                }).toList();
        model.addAttribute("consortium", consortium);
        model.addAttribute("rows", rows);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("statuses", CertificateStatus.values());
        model.addAttribute("expiring", all.stream().filter(c -> c.status() == CertificateStatus.EXPIRING).count());
        model.addAttribute("canRenewExpiring", CertificatePolicy.canRenewSome(caller, consortium));
        model.addAttribute("publishable", publishable(caller, id));
        model.addAttribute("deployment", deployment == null ? null : deployments.get(caller, deployment));
        return "console/certificates";
    }

    /**
     * The organisations whose revocation list the caller may put on chain again (as the REST endpoint
     * allows) and that have one: with nothing revoked (or all of it expired) the endpoint only refuses.
     */
    List<Publishable> publishable(Caller caller, long consortiumId) {
        Map<Long, Long> revoked = certificates.revocationsToPublish(consortiumId);
        return consortia.members(consortiumId).stream()
                .filter(o -> CertificatePolicy.canRevoke(caller, o.id()) && revoked.getOrDefault(o.id(), 0L) > 0)
                .map(o -> new Publishable(o.id(), o.displayName(), revoked.get(o.id())))
                .toList();
    }
}
