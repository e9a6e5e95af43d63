package io.consortia.platform.certificate;

import io.consortia.crypto.Pem;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.custody.KeyView;
import io.consortia.platform.custody.RetiredCertificate;
import io.consortia.platform.organization.OrganizationService;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every certificate of a consortium: the ones identities use now (from custody) and the ones
 * they used before (superseded by a renewal, or revoked), each with its expiry and status.
 * Unchecked: {@link CertificateService} decides who sees what.
 */
@Component
class CertificateInventory {
    /** A certificate in use that expires within this window is EXPIRING. */
    static final Duration EXPIRY_WINDOW = Duration.ofDays(30);
    private final CustodyService custody;
    private final OrganizationService organizations;
    private final Clock clock;

    @Autowired
    CertificateInventory(CustodyService custody, OrganizationService organizations) {
        this(custody, organizations, Clock.systemUTC());
    }

    CertificateInventory(CustodyService custody, OrganizationService organizations, Clock clock) {
        this.custody = custody;
        this.organizations = organizations;
        this.clock = clock;
    }

    List<CertificateView> of(long consortiumId) {
        Instant now = clock.instant();
        Map<Long, String> names = organizations.names();
        List<CertificateView> all = new ArrayList<>();
        List<KeyView> inUse = custody.inUse(consortiumId);
        java.util.Set<String> caRoots = new java.util.HashSet<>();
        inUse.stream().filter(k -> k.purpose() == KeyPurpose.CA_ROOT).forEach(k -> caRoots.add(k.certificatePem()));
        for (KeyView key : inUse) {
            if (key.purpose() == KeyPurpose.TLS_ROOT && caRoots.contains(key.certificatePem())) {
                continue; // on an ECDSA network the CA root is the TLS root too: one certificate, listed once
            }
            X509Certificate certificate = Pem.readCertificate(key.certificatePem());
            Instant notAfter = certificate.getNotAfter().toInstant();
            CertificateStatus status = notAfter.isBefore(now) ? CertificateStatus.EXPIRED
                    : notAfter.isBefore(now.plus(EXPIRY_WINDOW)) ? CertificateStatus.EXPIRING : CertificateStatus.VALID;
            all.add(view(key.consortiumId(), key.organizationId(), names, key.purpose(), key.subject(), certificate,
                    status, true, null, null, null, null, now));
        }
        for (RetiredCertificate retired : custody.retired(consortiumId)) {
            X509Certificate certificate = Pem.readCertificate(retired.certificatePem());
            CertificateStatus status = retired.status() == RetiredCertificate.Status.REVOKED ? CertificateStatus.REVOKED
                    : certificate.getNotAfter().toInstant().isBefore(now) ? CertificateStatus.EXPIRED
                    : CertificateStatus.SUPERSEDED;
            all.add(view(retired.consortiumId(), retired.organizationId(), names, retired.purpose(), retired.subject(),
                    certificate, status, false, retired.replacedBy(), retired.revokedAt(), retired.revokedBy(),
                    retired.reason(), now));
        }
        all.sort(Comparator.comparing(CertificateView::organization).thenComparing(CertificateView::role)
                .thenComparing(CertificateView::subject).thenComparing(c -> !c.inUse())
                .thenComparing(CertificateView::notAfter, Comparator.reverseOrder()));
        return all;
    }

    private static CertificateView view(long consortiumId, long organizationId, Map<Long, String> names,
            KeyPurpose role, String subject, X509Certificate certificate,
            CertificateStatus status, boolean inUse, String replacedBy, Long revokedAt, String revokedBy,
            String reason, Instant now) {
        long notAfter = certificate.getNotAfter().getTime();
        long daysLeft = Math.floorDiv(notAfter - now.toEpochMilli(), Duration.ofDays(1).toMillis());
        return new CertificateView(consortiumId, organizationId, names.getOrDefault(organizationId, "?"), role, subject,
                CustodyService.serial(certificate), certificate.getIssuerX500Principal().getName(),
                certificate.getNotBefore().getTime(), notAfter, daysLeft, status, inUse, replacedBy, revokedAt,
                revokedBy, reason);
    }
}
