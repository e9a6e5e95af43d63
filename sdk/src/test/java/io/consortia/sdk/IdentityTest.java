package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityTest {

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void the_scheme_is_read_from_the_private_key_curve(SignatureScheme scheme) {
        IssuedCredential user = issue(scheme);

        Identity identity = Identity.of("org1", user.certificate(), user.privateKey());

        assertThat(identity.scheme()).isEqualTo(scheme);
        byte[] signature = identity.signer().sign(new byte[] {1, 2, 3});
        assertThat(scheme.verify(user.certificate().getPublicKey(), new byte[] {1, 2, 3}, signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_private_key_of_another_certificate_is_refused(SignatureScheme scheme) {
        IssuedCredential user = issue(scheme);
        IssuedCredential other = issue(scheme);

        assertThatThrownBy(() -> Identity.of("org1", user.certificate(), other.privateKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
    }

    private static IssuedCredential issue(SignatureScheme scheme) {
        return CertificateAuthority.create("org1", scheme, Duration.ofDays(1))
                .issue(CertificateRole.USER, "user1", Duration.ofDays(1));
    }
}
