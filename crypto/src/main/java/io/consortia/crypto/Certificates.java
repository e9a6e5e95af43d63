package io.consortia.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Reading identity fields from certificates and validating them against trusted roots.
 *
 * <p>Validation is RFC 5280 path validation by BouncyCastle's PKIX validator (the JDK one
 * cannot verify SM3withSM2 signatures), with revocation checking off (the network has no
 * CRL or OCSP service; membership is managed by configuration) and an explicit date so that
 * historical blocks can be checked as of the time they were made.
 */
public final class Certificates {
    private Certificates() {}

    /** The O (organisation) of the subject. Throws CryptoException if the subject has none. */
    public static String organization(X509Certificate certificate) {
        return attribute(certificate, BCStyle.O)
                .orElseThrow(() -> new CryptoException("certificate subject has no O: " + subjectOf(certificate)));
    }

    /** The CN (common name) of the subject. Throws CryptoException if the subject has none. */
    public static String commonName(X509Certificate certificate) {
        return attribute(certificate, BCStyle.CN)
                .orElseThrow(() -> new CryptoException("certificate subject has no CN: " + subjectOf(certificate)));
    }

    /** The role named by the subject's OU (for example OU=node), if it names one. */
    public static Optional<CertificateRole> role(X509Certificate certificate) {
        return attribute(certificate, BCStyle.OU).flatMap(ou -> {
            for (CertificateRole role : CertificateRole.values()) {
                if (role.name().equalsIgnoreCase(ou.trim())) {
                    return Optional.of(role);
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Every role the subject's OUs name, in order: one for a signing certificate (OU=user), two
     * for a TLS certificate issued for a holder (OU=tls, OU=admin). {@link #role} is the first.
     */
    public static Set<CertificateRole> roles(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        Set<CertificateRole> roles = new java.util.LinkedHashSet<>();
        for (RDN rdn : name.getRDNs(BCStyle.OU)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            String ou = value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value);
            for (CertificateRole role : CertificateRole.values()) {
                if (role.name().equalsIgnoreCase(ou.trim())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /**
     * Checks that {@code certificate} was issued by one of the trusted roots (or is one), that
     * the signatures are right, and that both it and the root are valid at {@code at}.
     *
     * @throws CertificateValidationException when any of these does not hold
     */
    public static void validate(X509Certificate certificate, Collection<X509Certificate> trustedRoots, Instant at) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(trustedRoots, "trustedRoots");
        Objects.requireNonNull(at, "at");
        if (trustedRoots.isEmpty()) {
            throw new CertificateValidationException("no trusted roots to validate " + subjectOf(certificate) + " against");
        }
        Date date = Date.from(at);
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate root : trustedRoots) {
            anchors.add(new TrustAnchor(Objects.requireNonNull(root, "trusted root"), null));
        }
        PKIXCertPathValidatorResult result;
        try {
            CertPath path = CertificateFactory.getInstance("X.509", Bc.PROVIDER).generateCertPath(List.of(certificate));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(date);
            result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX", Bc.PROVIDER)
                    .validate(path, parameters);
        } catch (CertPathValidatorException e) {
            throw new CertificateValidationException("certificate " + subjectOf(certificate)
                    + " is not valid at " + at + " against the trusted roots: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot run certificate path validation", e);
        }
        // RFC 5280 does not check the trust anchor's own validity period; we do.
        X509Certificate root = result.getTrustAnchor().getTrustedCert();
        try {
            root.checkValidity(date);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new CertificateValidationException("root " + subjectOf(root) + " of " + subjectOf(certificate)
                    + " is not valid at " + at + " (valid " + root.getNotBefore().toInstant() + " to "
                    + root.getNotAfter().toInstant() + ")", e);
        }
    }

    /** True if the certificate expires within {@code window} of {@code now} (or already has). */
    public static boolean isExpiringWithin(X509Certificate certificate, Duration window, Instant now) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        return !certificate.getNotAfter().toInstant().isAfter(now.plus(window));
    }

    private static Optional<String> attribute(X509Certificate certificate, ASN1ObjectIdentifier type) {
        Objects.requireNonNull(certificate, "certificate");
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length == 0) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        // The plain string, not the RFC 4514-escaped form ("a\,b") of IETFUtils.
        return Optional.of(value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value));
    }

    private static String subjectOf(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
