package io.consortia.platform.certificate;

import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import io.consortia.platform.system.AuditNotes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A consortium's certificates: the inventory, renewal and revocation. Renewal and revocation
 * answer 202 with a deployment whose steps show the progress.
 */
@RestController
@RequestMapping("/api/v1/consortia/{id}/certificates")
@Tag(name = "Certificates")
class CertificateController {
    private final CertificateService certificates;
    private final CurrentUser currentUser;

    CertificateController(CertificateService certificates, CurrentUser currentUser) {
        this.certificates = certificates;
        this.currentUser = currentUser;
    }

    /** @param validityDays how long the new certificate is valid: 1 to 825 days, default 825 */
    record RenewRequest(Integer validityDays) {}

    /**
     * @param withinDays   renew what expires within this many days: 1 to 365, default 30
     * @param validityDays how long each new certificate is valid: 1 to 825 days, default 825
     */
    record RenewExpiringRequest(Integer withinDays, Integer validityDays) {}

    /** @param reason why (key compromise, left the organisation, ...): 1 to 500 characters */
    record RevokeRequest(String reason) {}

    @Operation(summary = "Every certificate of the consortium with its expiry and status",
            description = "CA and TLS roots, organisation admins, users, nodes' signing and TLS certificates and the "
                    + "platform's client TLS certificates: those in use (VALID, EXPIRING within 30 days, EXPIRED) and "
                    + "those no longer in use (SUPERSEDED by a renewal, still valid until they expire; REVOKED). "
                    + "Members see every organisation's roots, admins and nodes, and their own organisation's users; "
                    + "the leader, platform admins and auditors see all.")
    @GetMapping
    List<CertificateView> list(@PathVariable long id) {
        return certificates.list(currentUser.get(), id);
    }

    @Operation(summary = "Renew one certificate in use: a new certificate and key from the same CA",
            description = "The old certificate is SUPERSEDED and stays valid until it expires (no one holding it sees "
                    + "a failed call). A node's new certificates are written where the node reads them and the node "
                    + "reloads them without a restart (on KUBERNETES its pod restarts with them, the "
                    + "organisation's other pods keep running). The certificate's organisation admin, the leader or a platform "
                    + "admin; validityDays (default 825) only its organisation admin or a platform admin (403 for the "
                    + "leader renewing another organisation's). 409 for a CA root or a certificate not in use.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{serial}/renew")
    ResponseEntity<Deployment> renew(@PathVariable long id, @PathVariable String serial,
            @RequestBody(required = false) RenewRequest request) {
        return accepted(certificates.renew(currentUser.get(), id, serial,
                request == null ? null : request.validityDays()));
    }

    @Operation(summary = "Renew every certificate in use that expires within 30 days (or withinDays)",
            description = "The leader and platform admins renew every organisation's, an organisation admin their own "
                    + "organisation's; validityDays only for certificates of organisations the caller administers (a "
                    + "platform admin: all), else 403 before anything changes. 409 when there is none to renew.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/renew-expiring")
    ResponseEntity<Deployment> renewExpiring(@PathVariable long id,
            @RequestBody(required = false) RenewExpiringRequest request) {
        return accepted(certificates.renewExpiring(currentUser.get(), id,
                request == null ? null : request.withinDays(), request == null ? null : request.validityDays()));
    }

    @Operation(summary = "Revoke a certificate (in use, or superseded and still valid) for a reason",
            description = "Recorded at once; the platform never uses it again (an admin, client TLS or node identity "
                    + "gets a replacement first, a user's is issued anew on next use). Then put on chain: the "
                    + "organisation's revoked certificates in every channel of the consortium, by a configuration "
                    + "change; nodes refuse it as a transaction creator (CERTIFICATE_REVOKED) and in TLS handshakes. "
                    + "The certificate's organisation admin or a platform admin (incident response); not the leader "
                    + "for another organisation's (403): a revocation is the organisation's decision, and its admin "
                    + "key signs the configuration change.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/{serial}/revoke")
    ResponseEntity<Deployment> revoke(@PathVariable long id, @PathVariable String serial,
            @RequestBody(required = false) RevokeRequest request) {
        return accepted(certificates.revoke(currentUser.get(), id, serial, request == null ? null : request.reason()));
    }

    @Operation(summary = "Put an organisation's revoked certificates on chain again (after a failed step)",
            description = "The organisation's admin or a platform admin, as for revoking.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/revocations/{organizationId}/publish")
    ResponseEntity<Deployment> publish(@PathVariable long id, @PathVariable long organizationId) {
        return accepted(certificates.publishRevocations(currentUser.get(), id, organizationId));
    }

    /** With the Location of the deployment; the methods' @ResponseStatus says 202 to the OpenAPI document too. */
    private static ResponseEntity<Deployment> accepted(Deployment deployment) {
        AuditNotes.note("deployment", deployment.id()); // its steps say the new serials once it has run
        return ResponseEntity.accepted().location(URI.create("/api/v1/deployments/" + deployment.id()))
                .body(deployment);
    }
}
