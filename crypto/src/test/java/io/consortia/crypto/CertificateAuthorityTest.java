package io.consortia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final Duration YEAR = Duration.ofDays(365);

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void root_is_a_self_signed_ca_of_the_scheme(SignatureScheme scheme) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("org1", scheme, YEAR);
        X509Certificate root = ca.root();
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(root.getSigAlgName()).isEqualToIgnoringCase(scheme.certificateSignatureAlgorithm());
        assertThat(root.getSerialNumber().signum()).isPositive();
        assertThat(root.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        assertThat(Certificates.commonName(root)).isEqualTo("ca.org1");
        assertThat(Certificates.organization(root)).isEqualTo("org1");
        assertThat(Certificates.role(root)).contains(CertificateRole.CA);
        root.verify(root.getPublicKey(), Bc.PROVIDER);
        Certificates.validate(root, List.of(root), Instant.now());
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void ca_issues_each_signing_role_and_the_chain_validates(SignatureScheme scheme) {
        CertificateAuthority ca = CertificateAuthority.create("org1", scheme, YEAR);
        for (CertificateRole role : List.of(CertificateRole.NODE, CertificateRole.ADMIN, CertificateRole.USER)) {
            IssuedCredential credential = ca.issue(role, role.name().toLowerCase() + "0.org1", Duration.ofDays(30));
            X509Certificate cert = credential.certificate();
            assertThat(credential.chain()).containsExactly(cert, ca.root());
            assertThat(Certificates.role(cert)).contains(role);
            assertThat(Certificates.organization(cert)).isEqualTo("org1");
            assertThat(Certificates.commonName(cert)).isEqualTo(role.name().toLowerCase() + "0.org1");
            assertThat(cert.getSubjectX500Principal().getName()).contains("OU=" + role.name().toLowerCase());
            assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(cert.getBasicConstraints()).isEqualTo(-1);
            assertThat(SignatureSchemes.isKeyOf(scheme, cert.getPublicKey())).isTrue();
            Certificates.validate(cert, List.of(ca.root()), Instant.now());
            byte[] message = {1, 2, 3};
            assertThat(scheme.verify(cert.getPublicKey(), message, scheme.signer(credential.privateKey()).sign(message)))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void certificate_from_another_organisations_ca_fails_validation(SignatureScheme scheme) {
        CertificateAuthority org1 = CertificateAuthority.create("org1", scheme, YEAR);
        CertificateAuthority org2 = CertificateAuthority.create("org2", scheme, YEAR);
        X509Certificate cert = org2.issue(CertificateRole.USER, "mallory", YEAR).certificate();
        assertThatThrownBy(() -> Certificates.validate(cert, List.of(org1.root()), Instant.now()))
                .isInstanceOf(CertificateValidationException.class);
        Certificates.validate(cert, List.of(org1.root(), org2.root()), Instant.now());
    }

    @Test
    void certificate_signed_by_a_key_impersonating_the_root_fails_validation() {
        CertificateAuthority real = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, YEAR);
        CertificateAuthority fake = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, YEAR);
        X509Certificate cert = fake.issue(CertificateRole.NODE, "node0", YEAR).certificate();
        assertThat(fake.root().getSubjectX500Principal()).isEqualTo(real.root().getSubjectX500Principal());
        assertThatThrownBy(() -> Certificates.validate(cert, List.of(real.root()), Instant.now()))
                .isInstanceOf(CertificateValidationException.class);
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void expired_or_not_yet_valid_certificate_fails_validation(SignatureScheme scheme) {
        CertificateAuthority ca = CertificateAuthority.create("org1", scheme, YEAR);
        X509Certificate cert = ca.issue(CertificateRole.NODE, "node0", Duration.ofDays(1)).certificate();
        Collection<X509Certificate> roots = List.of(ca.root());
        assertThatThrownBy(() -> Certificates.validate(cert, roots, Instant.now().plus(Duration.ofDays(2))))
                .isInstanceOf(CertificateValidationException.class);
        assertThatThrownBy(() -> Certificates.validate(cert, roots, Instant.now().minus(Duration.ofDays(1))))
                .isInstanceOf(CertificateValidationException.class);
        assertThat(Certificates.isExpiringWithin(cert, Duration.ofDays(2), Instant.now())).isTrue();
        assertThat(Certificates.isExpiringWithin(cert, Duration.ofHours(1), Instant.now())).isFalse();
    }

    @Test
    void expired_root_fails_validation_and_leaf_validity_is_cut_to_the_root() {
        CertificateAuthority ca = CertificateAuthority.create("org1", SignatureScheme.SM2_SM3, Duration.ofDays(2));
        X509Certificate cert = ca.issue(CertificateRole.USER, "u", YEAR).certificate();
        assertThat(cert.getNotAfter()).isEqualTo(ca.root().getNotAfter());
        assertThatThrownBy(() -> Certificates.validate(ca.root(), List.of(ca.root()), Instant.now().plus(YEAR)))
                .isInstanceOf(CertificateValidationException.class);
    }

    @Test
    void a_tls_certificate_can_name_its_holders_role_after_tls() {
        CertificateAuthority ca = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, YEAR);
        X509Certificate admin = ca.issueTls(CertificateRole.ADMIN, "admin@org1", List.of(), YEAR).certificate();
        assertThat(admin.getSubjectX500Principal().getName()).isEqualTo("CN=admin@org1,OU=admin,OU=tls,O=org1");
        assertThat(Certificates.role(admin)).contains(CertificateRole.TLS); // still cannot sign transactions
        assertThat(Certificates.roles(admin)).containsExactly(CertificateRole.TLS, CertificateRole.ADMIN);
        assertThat(Certificates.roles(ca.issueTls("plain", List.of(), YEAR).certificate()))
                .containsExactly(CertificateRole.TLS);
        assertThat(Certificates.roles(ca.issue(CertificateRole.USER, "u", YEAR).certificate()))
                .containsExactly(CertificateRole.USER);
        assertThatThrownBy(() -> ca.issueTls(CertificateRole.CA, "x", List.of(), YEAR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void tls_certificate_is_p256_with_sans_and_both_key_purposes(SignatureScheme scheme) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("org1", scheme, YEAR);
        IssuedCredential tls = ca.issueTls("node0.org1", List.of("node0.org1.svc", "127.0.0.1", "::1"), YEAR);
        X509Certificate cert = tls.certificate();
        assertThat(SignatureSchemes.isKeyOf(SignatureScheme.ECDSA_P256_SHA256, cert.getPublicKey())).isTrue();
        assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getOrder())
                .isEqualTo(Bc.P256_DOMAIN.getN());
        assertThat(cert.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        assertThat(ca.tlsRoot().getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(0)).containsExactly(2, 7, 7);
        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1).toString())
                .contains("node0.org1.svc", "127.0.0.1");
        assertThat(Certificates.role(cert)).contains(CertificateRole.TLS);
        assertThat(Certificates.organization(cert)).isEqualTo("org1");
        assertThat(tls.chain()).containsExactly(cert, ca.tlsRoot());
        Certificates.validate(cert, List.of(ca.tlsRoot()), Instant.now());
        if (scheme == SignatureScheme.SM2_SM3) {
            assertThat(ca.tlsRoot()).isNotEqualTo(ca.root());
            assertThat(Certificates.commonName(ca.tlsRoot())).isEqualTo("tlsca.org1");
        } else {
            assertThat(ca.tlsRoot()).isEqualTo(ca.root());
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void ca_reloaded_from_pem_keeps_issuing_valid_certificates(SignatureScheme scheme) {
        CertificateAuthority ca = CertificateAuthority.create("org1", scheme, YEAR);
        CertificateAuthority loaded = CertificateAuthority.load("org1", scheme,
                Pem.readCertificate(Pem.write(ca.root())), Pem.readPrivateKey(Pem.write(ca.rootKey())),
                Pem.readCertificate(Pem.write(ca.tlsRoot())), Pem.readPrivateKey(Pem.write(ca.tlsRootKey())));
        X509Certificate cert = loaded.issue(CertificateRole.ADMIN, "admin", YEAR).certificate();
        Certificates.validate(cert, List.of(ca.root()), Instant.now());
        assertThat(loaded.organization()).isEqualTo("org1");
        assertThat(loaded.scheme()).isEqualTo(scheme);
    }

    @Test
    void load_rejects_mismatched_keys_scheme_and_organisation() {
        CertificateAuthority sm2 = CertificateAuthority.create("org1", SignatureScheme.SM2_SM3, YEAR);
        CertificateAuthority other = CertificateAuthority.create("org1", SignatureScheme.SM2_SM3, YEAR);
        assertThatThrownBy(() -> CertificateAuthority.load("org1", SignatureScheme.SM2_SM3, sm2.root(), other.rootKey(),
                sm2.tlsRoot(), sm2.tlsRootKey())).isInstanceOf(CryptoException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> CertificateAuthority.load("org1", SignatureScheme.ECDSA_P256_SHA256, sm2.root(),
                sm2.rootKey(), sm2.tlsRoot(), sm2.tlsRootKey())).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CertificateAuthority.load("org2", SignatureScheme.SM2_SM3, sm2.root(), sm2.rootKey(),
                sm2.tlsRoot(), sm2.tlsRootKey())).isInstanceOf(CryptoException.class).hasMessageContaining("org2");
    }

    @Test
    void arguments_are_checked() {
        assertThatThrownBy(() -> CertificateAuthority.create(null, SignatureScheme.SM2_SM3, YEAR))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("organization");
        assertThatThrownBy(() -> CertificateAuthority.create("o", SignatureScheme.SM2_SM3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        CertificateAuthority ca = CertificateAuthority.create("o", SignatureScheme.ECDSA_P256_SHA256, YEAR);
        assertThatThrownBy(() -> ca.issue(CertificateRole.CA, "x", YEAR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue(CertificateRole.TLS, "x", YEAR)).isInstanceOf(IllegalArgumentException.class);
    }
}
