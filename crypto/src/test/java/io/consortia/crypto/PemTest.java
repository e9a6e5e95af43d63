package io.consortia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {
    private static final byte[] MESSAGE = "pem".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void private_key_round_trips_through_pkcs8_pem(SignatureScheme scheme) {
        KeyPair keys = scheme.generateKeyPair();
        String pem = Pem.write(keys.getPrivate());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey read = Pem.readPrivateKey(pem);
        assertThat(read.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(scheme.verify(keys.getPublic(), MESSAGE, scheme.signer(read).sign(MESSAGE))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void certificates_round_trip_through_pem(SignatureScheme scheme) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("org1", scheme, Duration.ofDays(365));
        IssuedCredential node = ca.issue(CertificateRole.NODE, "node0.org1", Duration.ofDays(30));
        X509Certificate read = Pem.readCertificate(Pem.write(node.certificate()));
        assertThat(read).isEqualTo(node.certificate());
        assertThat(Pem.certificateFromDer(read.getEncoded())).isEqualTo(node.certificate());

        List<X509Certificate> chain = Pem.readCertificates(Pem.writeAll(node.chain()) + Pem.write(node.privateKey()));
        assertThat(chain).containsExactlyElementsOf(node.chain());
        Certificates.validate(chain.get(0), List.of(chain.get(1)), java.time.Instant.now());
    }

    @Test
    void garbage_is_rejected_with_a_crypto_exception() {
        assertThatThrownBy(() -> Pem.readCertificate("hello")).isInstanceOf(CryptoException.class)
                .hasMessageContaining("CERTIFICATE");
        assertThatThrownBy(() -> Pem.readCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Pem.readPrivateKey("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Pem.readPrivateKey("")).isInstanceOf(CryptoException.class)
                .hasMessageContaining("PRIVATE KEY");
        assertThatThrownBy(() -> Pem.certificateFromDer(new byte[] {1, 2, 3})).isInstanceOf(CryptoException.class);
    }

    @Test
    void key_file_without_certificates_reads_as_no_certificates() {
        String keyPem = Pem.write(SignatureScheme.SM2_SM3.generateKeyPair().getPrivate());
        assertThat(Pem.readCertificates(keyPem)).isEmpty();
    }
}
