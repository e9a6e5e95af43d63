package io.consortia.platform.certificate;

import io.consortia.crypto.Pem;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.custody.RetiredCertificate;
import io.consortia.platform.deploy.Deployer;
import io.consortia.platform.deploy.Deployers;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import io.consortia.protocol.v1.RevokedCertificate;
import io.consortia.sdk.AdminClient;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Renews and revokes a consortium's certificates. Each operation checks who may and what it
 * would touch before it changes anything (400/403/404/409), then runs as a deployment: one step
 * per certificate, per node whose files it rewrites and reloads, per channel it updates; and
 * records each certificate in the consortium's history.
 */
@Service
public class CertificateService {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateService.class);
    static final String RENEW = "RENEW_CERTS";
    static final String REVOKE = "REVOKE_CERT";
    static final String PUBLISH = "PUBLISH_CRL";
    static final int MAX_VALIDITY_DAYS = 825;
    /**
     * The revocation reason of a deleted application's certificate: RFC 5280's reason, as node
     * deletion gives it (the application stopped for good, not a compromise); the console reads it in
     * Chinese too.
     */
    public static final String APPLICATION_DELETED = "cessationOfOperation: application deleted";
    /** Who may do which to an organisation's certificates (CertificatePolicy), as a 403 says it. */
    static final String WHO_MAY = "Only an admin of organisation %d or a platform admin may revoke its "
            + "certificates or choose their validityDays; its admin, the consortium leader or a platform admin may "
            + "renew them (the leader for the default validity)";
    private final CertificateInventory inventory;
    private final CustodyService custody;
    private final ConsortiumService consortia;
    private final DeploymentService deployments;
    private final Deployers deployers;
    private final Nodes nodes;
    private final NetworkClients clients;
    private final ObjectProvider<ChainRevocations> chain;

    CertificateService(CertificateInventory inventory, CustodyService custody, ConsortiumService consortia,
            DeploymentService deployments, Deployers deployers, Nodes nodes, NetworkClients clients,
            ObjectProvider<ChainRevocations> chain) {
        this.inventory = inventory;
        this.custody = custody;
        this.consortia = consortia;
        this.deployments = deployments;
        this.deployers = deployers;
        this.nodes = nodes;
        this.clients = clients;
        this.chain = chain;
    }

    /** Every certificate of the consortium the caller may see, with expiry and status. */
    public List<CertificateView> list(Caller caller, long consortiumId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        return inventory.of(consortiumId).stream()
                .filter(c -> CertificatePolicy.canSee(caller, consortium, c.organizationId(), c.role()))
                .toList();
    }

    /** Renews one certificate in use (by serial): a new certificate and key from the same CA. */
    public Deployment renew(Caller caller, long consortiumId, String serial, Integer validityDays) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        Duration validity = validity(validityDays);
        CertificateView certificate = find(caller, consortium, serial);
        requireRenew(caller, consortium, certificate.organizationId());
        if (validityDays != null) {
            requireChooseValidity(caller, List.of(certificate));
        }
        if (!certificate.inUse()) {
            throw PlatformException.conflict("Certificate " + serial + " is " + certificate.status()
                    + ": only a certificate in use is renewed (its subject " + certificate.subject() + " uses "
                    + "another one now)");
        }
        requireRenewable(certificate);
        requireNodeTarget(consortiumId, List.of(certificate));
        noteCertificate(certificate);
        AuditNotes.note("validityDays", validityDays);
        return deployments.operate(caller.username(), consortiumId, RENEW,
                steps -> renewAll(steps, caller, consortiumId, List.of(certificate), validity));
    }

    /**
     * Renews every certificate in use that expires within {@code withinDays} (default 30) and
     * that the caller may manage: all of them for the leader or a platform admin, their own
     * organisation's for an organisation admin. 409 when there is none.
     */
    public Deployment renewExpiring(Caller caller, long consortiumId, Integer withinDays, Integer validityDays) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        Duration validity = validity(validityDays);
        int window = withinDays == null ? (int) CertificateInventory.EXPIRY_WINDOW.toDays() : withinDays;
        if (window < 1 || window > 365) {
            throw InvalidFields.field("withinDays", "must be 1 to 365");
        }
        if (!CertificatePolicy.canRenewSome(caller, consortium)) {
            throw PlatformException.forbidden("Only an organisation admin, the consortium leader or a platform admin "
                    + "may renew certificates");
        }
        List<CertificateView> expiring = inventory.of(consortiumId).stream()
                .filter(CertificateView::inUse)
                .filter(c -> c.role() != KeyPurpose.CA_ROOT && c.role() != KeyPurpose.TLS_ROOT)
                .filter(c -> c.daysLeft() < window)
                .filter(c -> CertificatePolicy.canRenew(caller, consortium, c.organizationId()))
                .toList();
        if (expiring.isEmpty()) {
            throw PlatformException.conflict("No certificate you may renew expires within " + window + " days");
        }
        if (validityDays != null) {
            requireChooseValidity(caller, expiring);
        }
        requireNodeTarget(consortiumId, expiring);
        AuditNotes.note("certificates", expiring.stream().map(CertificateView::serial).toList());
        AuditNotes.note("withinDays", window);
        AuditNotes.note("validityDays", validityDays);
        return deployments.operate(caller.username(), consortiumId, RENEW,
                steps -> renewAll(steps, caller, consortiumId, expiring, validity));
    }

    /**
     * Revokes a certificate (in use, or superseded and still in its overlap) for a reason: it is
     * recorded at once, never used again by the platform (its identity gets a replacement; a
     * user's is issued anew on next use), and put on chain in every channel of the consortium.
     */
    public Deployment revoke(Caller caller, long consortiumId, String serial, String reason) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        String why = reason(reason);
        CertificateView certificate = find(caller, consortium, serial);
        requireRevoke(caller, certificate.organizationId());
        if (certificate.status() == CertificateStatus.REVOKED) {
            throw PlatformException.conflict("Certificate " + serial + " is already revoked");
        }
        requireRenewable(certificate);
        if (certificate.inUse()) {
            requireNodeTarget(consortiumId, List.of(certificate));
        }
        noteCertificate(certificate);
        AuditNotes.note("reason", why);
        return deployments.operate(caller.username(), consortiumId, REVOKE, steps -> {
            revokeOne(steps, caller.username(), consortiumId, certificate, why);
            publish(steps, consortiumId, certificate.organizationId());
        });
    }

    /**
     * Puts the organisation's revoked certificates on chain again (after a step that did so
     * failed, e.g. while a channel had no leader); the organisation's admin or a platform admin,
     * as for revoking (it makes the organisation's admin key sign configuration changes).
     */
    public Deployment publishRevocations(Caller caller, long consortiumId, long organizationId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        if (!consortia.isMember(consortiumId, organizationId)) {
            throw PlatformException.notFound("Member organisation", organizationId);
        }
        requireRevoke(caller, organizationId);
        if (revocationList(consortiumId, organizationId).isEmpty()) {
            throw PlatformException.conflict("Organisation " + organizationId + " has no revoked certificate that has "
                    + "not expired: nothing to put on chain");
        }
        AuditNotes.note("organization", organizationId);
        return deployments.operate(caller.username(), consortiumId, PUBLISH, steps -> publish(steps, consortiumId, organizationId));
    }

    /** Which certificate a renewal or revocation is of, for its audit record: the serial alone is looked up nowhere once it expired. */
    private static void noteCertificate(CertificateView certificate) {
        AuditNotes.note("certificate", certificate.serial());
        AuditNotes.note("subject", certificate.subject());
        AuditNotes.note("certificateRole", certificate.role());
        AuditNotes.note("organization", certificate.organizationId());
    }

    /**
     * Revokes in custody every certificate a removed user holds (in the transaction that
     * removes them): the platform never signs with them again. Returns the consortia whose
     * chains must learn of it.
     */
    Set<Long> revokeUserInCustody(String username, String actor) {
        Set<Long> affected = new LinkedHashSet<>();
        for (var key : custody.userKeys(username)) {
            custody.revokeInUse(key.consortiumId(), key.organizationId(), KeyPurpose.USER, username, actor,
                    "cessationOfOperation: user " + username + " removed");
            consortia.record(key.consortiumId(), key.organizationId(), "CERTIFICATE_REVOKED", actor,
                    "USER " + username + ", serial " + CustodyService.serial(
                            Pem.readCertificate(key.certificatePem())) + ": user removed");
            affected.add(key.consortiumId());
        }
        return affected;
    }

    /**
     * Revokes in custody, in the caller's transaction, the certificate a deleted application signs
     * with (USER {@code subject}), as node deletion revokes a node's: the platform never signs with it
     * again. Empty when it holds none in use (revoked before and not used since).
     */
    public java.util.Optional<String> revokeDeletedApplication(long consortiumId, long organizationId, String subject,
            String actor) {
        java.util.Optional<String> inUse = custody.certificateInUse(consortiumId, organizationId, KeyPurpose.USER,
                subject);
        if (inUse.isEmpty()) {
            return java.util.Optional.empty();
        }
        String serial = CustodyService.serial(Pem.readCertificate(inUse.get()));
        custody.revokeInUse(consortiumId, organizationId, KeyPurpose.USER, subject, actor, APPLICATION_DELETED);
        consortia.record(consortiumId, organizationId, "CERTIFICATE_REVOKED", actor,
                "USER " + subject + ", serial " + serial + ": " + APPLICATION_DELETED);
        return java.util.Optional.of(DeploymentTexts.REVOKED_CERTIFICATE.of(KeyPurpose.USER, subject, serial,
                APPLICATION_DELETED));
    }

    /**
     * Starts the operation that puts a deleted application's revocation on chain (the organisation's
     * revocation list, in every channel); refused (409) when another operation runs on the network.
     */
    public Deployment publishDeletedApplication(String actor, long consortiumId, long organizationId,
            String revoked) {
        return deployments.operate(actor, consortiumId, PUBLISH, steps -> {
            steps.step(DeploymentTexts.REVOKED_IN_CUSTODY.of(revoked), null,
                    () -> DeploymentTexts.NEVER_USED_AGAIN.of());
            publish(steps, consortiumId, organizationId);
        });
    }

    /** The on-chain part of a removed user's revocation, one operation per consortium. */
    void publishUserRevocations(Caller caller, String username, Set<Long> consortiumIds, Long organizationId) {
        for (long consortiumId : consortiumIds) {
            try {
                deployments.operate(caller.username(), consortiumId, PUBLISH, steps -> {
                    steps.step(DeploymentTexts.USER_REVOKED_IN_CUSTODY.of(username), null,
                            () -> DeploymentTexts.NEVER_USED_AGAIN.of());
                    if (organizationId != null) {
                        publish(steps, consortiumId, organizationId);
                    }
                });
            } catch (PlatformException e) {
                // Recorded in custody already; a later revocation or "publish revocations" puts it on chain.
                LOG.warn("Revocation of {}'s certificates not yet on chain in consortium {}: {}", username,
                        consortiumId, e.getMessage());
            }
        }
    }

    private void renewAll(DeploymentSteps steps, Caller caller, long consortiumId, List<CertificateView> certificates,
            Duration validity) {
        Set<String> nodeIds = new LinkedHashSet<>();
        for (CertificateView certificate : certificates) {
            steps.step(DeploymentTexts.RENEW.of(certificate.role(), certificate.subject(),
                    certificate.organization(), certificate.serial()), nodeId(certificate), () -> {
                var replacement = custody.renew(consortiumId, certificate.organizationId(), certificate.role(),
                        certificate.subject(), validity);
                consortia.record(consortiumId, certificate.organizationId(), "CERTIFICATE_RENEWED", caller.username(),
                        certificate.role() + " " + certificate.subject() + ", serial " + certificate.serial() + " -> "
                                + CustodyService.serial(replacement.current().certificate()));
                return DeploymentTexts.RENEWED.of(CustodyService.serial(replacement.current().certificate()),
                        replacement.current().certificate().getNotAfter().toInstant(), certificate.serial(),
                        Instant.ofEpochMilli(certificate.notAfter()));
            });
            if (nodeId(certificate) != null) {
                nodeIds.add(certificate.subject());
            }
        }
        nodeIds.forEach(nodeId -> reinstall(steps, consortiumId, nodeId));
    }

    private void revokeOne(DeploymentSteps steps, String actor, long consortiumId, CertificateView certificate,
            String reason) {
        steps.step(DeploymentTexts.REVOKE.of(certificate.role(), certificate.subject(),
                certificate.organization(), certificate.serial()), nodeId(certificate), () -> {
            if (!certificate.inUse()) {
                RetiredCertificate retired = custody.retired(consortiumId).stream()
                        .filter(r -> r.serial().equals(certificate.serial())
                                && r.organizationId() == certificate.organizationId())
                        .findFirst().orElseThrow(() -> PlatformException.notFound("Certificate", certificate.serial()));
                custody.revokeRetired(retired, actor, reason);
                consortia.record(consortiumId, certificate.organizationId(), "CERTIFICATE_REVOKED", actor,
                        historyDetail(certificate, reason));
                return DeploymentTexts.SUPERSEDED_REVOKED.of();
            }
            var replacement = custody.revokeInUse(consortiumId, certificate.organizationId(), certificate.role(),
                    certificate.subject(), actor, reason);
            consortia.record(consortiumId, certificate.organizationId(), "CERTIFICATE_REVOKED", actor,
                    historyDetail(certificate, reason));
            return replacement.current() == null ? DeploymentTexts.NEW_ON_NEXT_USE.of()
                    : DeploymentTexts.REPLACED_BY.of(CustodyService.serial(replacement.current().certificate()));
        });
        if (certificate.inUse() && nodeId(certificate) != null) {
            reinstall(steps, consortiumId, certificate.subject()); // the node uses the replacement before it is refused
        }
    }

    /** Writes the node's certificates in use where it reads them and has it reload them. */
    private void reinstall(DeploymentSteps steps, long consortiumId, String nodeId) {
        NodeRecord node = nodes.byNodeId(nodeId).orElse(null);
        if (node == null) {
            steps.step(DeploymentTexts.INSTALL_CERTIFICATES.of(nodeId), nodeId,
                    () -> DeploymentTexts.NO_SUCH_NODE.of());
            return;
        }
        Deployer deployer = deployers.of(node);
        steps.step(DeploymentTexts.WRITE_CERTIFICATES.of(nodeId), nodeId,
                () -> deployer.replaceCredentials(node, custody.nodeCredentials(consortiumId, node.organizationId(),
                        nodeId)));
        steps.step(DeploymentTexts.RELOAD_CERTIFICATES.of(nodeId), nodeId, () -> {
            if (!deployer.isServing(node)) {
                return DeploymentTexts.READS_WHEN_STARTS.of();
            }
            try (AdminClient admin = clients.admin(node)) {
                ReloadCredentialsResponse reloaded = admin.reloadCredentials();
                return DeploymentTexts.SIGNS_WITH.of(reloaded.getSigningCertificateSerial(),
                        reloaded.getTlsCertificateSerial());
            }
        });
    }

    /** Puts the organisation's revoked certificates on chain (each channel one or more recorded steps). */
    void publish(DeploymentSteps steps, long consortiumId, long organizationId) {
        List<RevokedCertificate> revoked = revocationList(consortiumId, organizationId);
        ChainRevocations revocations = chain.getIfAvailable();
        if (revocations == null) {
            steps.step(DeploymentTexts.PUT_REVOKED.of(revoked.size()), null, () -> {
                throw PlatformException.conflict("Channel configuration changes are not available on this platform; "
                        + "the revocation is recorded and the platform does not use the certificate, but nodes do "
                        + "not refuse it yet");
            });
            return;
        }
        revocations.apply(steps, consortiumId, organizationId, revoked);
    }

    /**
     * Per member organisation, how many revoked certificates that have not expired it has: what
     * "put revocations on chain" would publish (one it lacks is refused as nothing to put on chain).
     */
    public Map<Long, Long> revocationsToPublish(long consortiumId) {
        return revoked(consortiumId).collect(Collectors.groupingBy(RetiredCertificate::organizationId,
                Collectors.counting()));
    }

    /** The organisation's revoked certificates that have not expired (an expired one is refused anyway). */
    List<RevokedCertificate> revocationList(long consortiumId, long organizationId) {
        return revoked(consortiumId)
                .filter(r -> r.organizationId() == organizationId)
                .map(r -> RevokedCertificate.newBuilder()
                        .setSerialNumber(com.google.protobuf.ByteString.copyFrom(
                                Pem.readCertificate(r.certificatePem()).getSerialNumber().toByteArray()))
                        .setRevokedMillis(r.revokedAt() == null ? r.retiredAt() : r.revokedAt())
                        .setReason(r.reason() == null ? "" : r.reason())
                        .build())
                .toList();
    }

    private Stream<RetiredCertificate> revoked(long consortiumId) {
        long now = System.currentTimeMillis();
        return custody.retired(consortiumId).stream()
                .filter(r -> r.status() == RetiredCertificate.Status.REVOKED)
                .filter(r -> r.notAfter() > now);
    }

    private CertificateView find(Caller caller, Consortium consortium, String serial) {
        String normalized = normalizeSerial(serial);
        List<CertificateView> matches = inventory.of(consortium.id()).stream()
                .filter(c -> c.serial().equals(normalized))
                .filter(c -> CertificatePolicy.canSee(caller, consortium, c.organizationId(), c.role()))
                .toList();
        if (matches.isEmpty()) {
            throw PlatformException.notFound("Certificate", serial);
        }
        if (matches.size() > 1) {
            throw PlatformException.conflict("Serial " + serial + " names several certificates ("
                    + matches.stream().map(c -> c.organization() + " " + c.role() + " " + c.subject()).toList()
                    + "); renew or revoke them from the organisation's admin account");
        }
        return matches.get(0);
    }

    /** A serial as the inventory shows it (lower-case hex, no leading zeros); 400 when it is not hex. */
    static String normalizeSerial(String serial) {
        if (serial == null || !serial.matches("(0x)?[0-9a-fA-F]{1,64}")) {
            throw InvalidFields.field("serial", "must be the certificate's serial number in hex (1 to 64 digits)");
        }
        return new BigInteger(serial.startsWith("0x") ? serial.substring(2) : serial, 16).toString(16);
    }

    static Duration validity(Integer validityDays) {
        if (validityDays == null) {
            return Duration.ofDays(MAX_VALIDITY_DAYS);
        }
        if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
            throw InvalidFields.field("validityDays", "must be 1 to " + MAX_VALIDITY_DAYS);
        }
        return Duration.ofDays(validityDays);
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidFields.field("reason", "is required: why the certificate is revoked (e.g. key compromise)");
        }
        if (reason.length() > 500 || reason.chars().anyMatch(ch -> Character.isISOControl(ch))) {
            throw InvalidFields.field("reason", "must be at most 500 characters without control characters");
        }
        return reason.strip();
    }

    private static void requireRenew(Caller caller, Consortium consortium, long organizationId) {
        if (!CertificatePolicy.canRenew(caller, consortium, organizationId)) {
            throw PlatformException.forbidden(WHO_MAY.formatted(organizationId));
        }
    }

    private static void requireRevoke(Caller caller, long organizationId) {
        if (!CertificatePolicy.canRevoke(caller, organizationId)) {
            throw PlatformException.forbidden(WHO_MAY.formatted(organizationId));
        }
    }

    /** 403 before anything changes when a renewal names a validity for an organisation the caller may not choose it for. */
    private static void requireChooseValidity(Caller caller, List<CertificateView> certificates) {
        List<String> others = certificates.stream()
                .filter(c -> !CertificatePolicy.canChooseValidity(caller, c.organizationId()))
                .map(c -> c.organization() + " (organisation " + c.organizationId() + ")").distinct().toList();
        if (!others.isEmpty()) {
            throw PlatformException.forbidden("validityDays: only an organisation's admin or a platform admin may "
                    + "choose how long its certificates are valid, so you may not for " + String.join(", ", others)
                    + "; leave validityDays out to renew them for the default " + MAX_VALIDITY_DAYS + " days");
        }
    }

    private static void requireRenewable(CertificateView certificate) {
        if (certificate.role() == KeyPurpose.CA_ROOT || certificate.role() == KeyPurpose.TLS_ROOT) {
            throw PlatformException.conflict("A CA root (" + certificate.subject() + ") is not renewed or revoked here: "
                    + "it anchors every certificate of its organisation; renew or revoke the certificates it issued");
        }
    }

    /** 409 before anything changes when a node certificate is to be replaced on a target that cannot. */
    private void requireNodeTarget(long consortiumId, List<CertificateView> certificates) {
        if (certificates.stream().anyMatch(c -> nodeId(c) != null)) {
            Deployer deployer = deployers.ofConsortium(consortiumId);
            if (!deployer.replacesCredentials()) {
                throw PlatformException.conflict("Renewing or revoking a node's certificates on " + deployer.target()
                        + " is not supported yet: the nodes read their keys from the organisation's Secret at start "
                        + "only. Renew the other certificates one by one, or delete and deploy the network again to "
                        + "issue new node certificates");
            }
        }
    }

    private static String nodeId(CertificateView certificate) {
        return certificate.role() == KeyPurpose.NODE || certificate.role() == KeyPurpose.NODE_TLS
                ? certificate.subject() : null;
    }

    private static String historyDetail(CertificateView certificate, String reason) {
        String detail = certificate.role() + " " + certificate.subject() + ", serial " + certificate.serial() + ": "
                + reason;
        return detail.length() > 500 ? detail.substring(0, 500) : detail;
    }
}
