package io.consortia.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChannelReadersTest {
    private static final Duration DAYS = Duration.ofDays(3);

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_channel_is_read_by_tls_certificates_of_its_organisations_only(SignatureScheme scheme) {
        CertificateAuthority org1 = CertificateAuthority.create("org1", scheme, DAYS);
        CertificateAuthority org2 = CertificateAuthority.create("org2", scheme, DAYS);
        X509Certificate client1 = org1.issueTls("client@org1", List.of("127.0.0.1"), DAYS).certificate();
        X509Certificate client2 = org2.issueTls("client@org2", List.of("127.0.0.1"), DAYS).certificate();
        ChannelConfig both = config(1, org1, org2);
        ChannelConfig withoutOrg2 = config(2, org1); // org2 removed: its roots may still pass the handshake
        ChannelReaders readers = new ChannelReaders(true);

        assertThatCode(() -> readers.require(both, client2)).doesNotThrowAnyException();
        assertThatCode(() -> readers.require(withoutOrg2, client1)).doesNotThrowAnyException();
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> readers.require(withoutOrg2, client2));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refused.getStatus().getDescription()).isEqualTo("channel main is readable by its organisations only "
                + "(org1); the caller's TLS certificate (" + client2.getSubjectX500Principal().getName()
                + ") was issued by none of their roots");
        // decided again for each configuration version: back in the channel, org2 reads again
        assertThatCode(() -> readers.require(config(3, org1, org2), client2)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_certificate_claiming_a_members_name_but_issued_by_another_ca_is_refused(SignatureScheme scheme) {
        CertificateAuthority org1 = CertificateAuthority.create("org1", scheme, DAYS);
        CertificateAuthority impostor = CertificateAuthority.create("org1", scheme, DAYS); // same name, own key
        X509Certificate forged = impostor.issueTls("client@org1", List.of("127.0.0.1"), DAYS).certificate();

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> new ChannelReaders(true).require(config(1, org1), forged));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void without_a_certificate_reads_are_refused_with_tls_and_allowed_without(SignatureScheme scheme) {
        ChannelConfig config = config(1, CertificateAuthority.create("org1", scheme, DAYS));

        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> new ChannelReaders(true).require(config,
                null)).getStatus().getDescription()).endsWith("the call has none");
        assertThatCode(() -> new ChannelReaders(false).require(config, null)).doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void an_sm2_organisation_whose_tls_root_is_not_in_the_configuration_is_known_by_name() {
        CertificateAuthority org1 = CertificateAuthority.create("org1", SignatureScheme.SM2_SM3, DAYS);
        CertificateAuthority org2 = CertificateAuthority.create("org2", SignatureScheme.SM2_SM3, DAYS);
        // as a network deployed without TLS roots in its configuration: the nodes' tls-roots.pem holds them
        ChannelConfig config = ChannelConfig.newBuilder().setName("main").setVersion(1)
                .setScheme(io.consortia.protocol.v1.SignatureScheme.SM2_SM3)
                .addOrganizations(Organization.newBuilder().setName("org1").setRootCertificatesPem(Pem.write(org1.root())))
                .build();
        ChannelReaders readers = new ChannelReaders(true);

        assertThatCode(() -> readers.require(config, org1.issueTls("client@org1", List.of("127.0.0.1"), DAYS)
                .certificate())).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> readers.require(config,
                org2.issueTls("client@org2", List.of("127.0.0.1"), DAYS).certificate())).getStatus().getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    private static ChannelConfig config(long version, CertificateAuthority... organizations) {
        ChannelConfig.Builder config = ChannelConfig.newBuilder().setName("main").setVersion(version);
        for (CertificateAuthority ca : organizations) {
            config.addOrganizations(Organization.newBuilder().setName(ca.organization())
                    .setRootCertificatesPem(Pem.write(ca.root()))
                    .setTlsRootCertificatesPem(Pem.write(ca.tlsRoot())));
        }
        return config.build();
    }
}
