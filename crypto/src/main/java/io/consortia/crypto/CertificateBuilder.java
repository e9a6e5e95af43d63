package io.consortia.crypto;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds the X.509 v3 certificates of {@link CertificateAuthority}. */
final class CertificateBuilder {
    /** Certificates start slightly in the past so that peers with a skewed clock accept them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private CertificateBuilder() {}

    static X500Name subject(String organization, CertificateRole role, String commonName) {
        return subject(organization, role, null, commonName);
    }

    /** As above, with a second OU naming a further role (a TLS certificate's holder) when not null. */
    static X500Name subject(String organization, CertificateRole role, CertificateRole secondRole, String commonName) {
        // Most significant first in the DER, so RFC 2253 prints "CN=..,OU=..,O=..".
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.OU, role.name().toLowerCase(Locale.ROOT));
        if (secondRole != null) {
            builder.addRDN(BCStyle.OU, secondRole.name().toLowerCase(Locale.ROOT));
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    static X509Certificate selfSignedRoot(X500Name subject, KeyPair keys, String algorithm, Duration validity) {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new CryptoException("cannot build root certificate extensions", e);
        }
        return sign(builder, keys.getPrivate(), algorithm);
    }

    /** A leaf certificate; its validity is cut to the issuer's, since it is useless beyond it. */
    static X509Certificate leaf(X509Certificate issuer, PrivateKey issuerKey, String algorithm, X500Name subject,
            PublicKey subjectKey, Duration validity, boolean tls, List<String> hostnamesOrIps) {
        Instant now = Instant.now();
        Instant notAfter = now.plus(validity);
        Instant issuerNotAfter = issuer.getNotAfter().toInstant();
        if (notAfter.isAfter(issuerNotAfter)) {
            notAfter = issuerNotAfter;
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, subjectKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            if (tls) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                if (!hostnamesOrIps.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(hostnamesOrIps));
                }
            }
        } catch (CertIOException | GeneralSecurityException e) {
            throw new CryptoException("cannot build certificate extensions", e);
        }
        return sign(builder, issuerKey, algorithm);
    }

    static GeneralNames subjectAltNames(List<String> hostnamesOrIps) {
        List<GeneralName> names = new ArrayList<>();
        for (String name : hostnamesOrIps) {
            Objects.requireNonNull(name, "hostname or IP");
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("empty hostname in SAN list");
            }
            names.add(new GeneralName(isIpLiteral(trimmed) ? GeneralName.iPAddress : GeneralName.dNSName, trimmed));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** An IPv4 dotted quad or an IPv6 literal (contains ':'); never resolves names. */
    static boolean isIpLiteral(String value) {
        if (value.contains(":")) {
            return true;
        }
        if (!IPV4.matcher(value).matches()) {
            return false;
        }
        try {
            // Safe: a dotted quad is parsed, not looked up.
            return InetAddress.getByName(value) != null;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Random positive serial of at most 128 bits (RFC 5280 allows up to 20 octets). */
    static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, Bc.RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, String algorithm) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).setProvider(Bc.PROVIDER).build(key);
            return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new CryptoException("cannot sign certificate with " + algorithm, e);
        }
    }
}
