package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.NodeException;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.ValidationCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MembershipTest {
    private static final TestNetworkFixture NETWORK = TestNetworkFixture.create();

    private final Membership membership = NETWORK.membership();
    private final Instant now = Instant.ofEpochMilli(NETWORK.now());

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void a_member_with_a_certificate_from_its_organisations_ca_is_valid(SignatureScheme scheme) {
        TestNetworkFixture network = scheme == NETWORK.scheme() ? NETWORK : TestNetworkFixture.create(scheme);
        TestClient client = network.client("Org2");

        CreatorCheck check = network.membership().check(client.creator(), now);

        assertThat(check.code()).isEqualTo(ValidationCode.VALID);
        assertThat(check.commonName()).isEqualTo("user1");
        assertThat(check.publicKey()).isEqualTo(client.credential().certificate().getPublicKey());
    }

    @Test
    void an_organisation_outside_the_channel_is_unknown() {
        CreatorCheck check = membership.check(NETWORK.client("Mallory").creator(), now);

        assertThat(check.code()).isEqualTo(ValidationCode.UNKNOWN_ORGANIZATION);
        assertThat(check.reason()).contains("Mallory");
    }

    @Test
    void a_certificate_of_another_member_cannot_claim_this_organisation() {
        Creator creator = NETWORK.client("Org2").creator().toBuilder().setOrganization("Org1").build();

        CreatorCheck check = membership.check(creator, now);

        assertThat(check.code()).isEqualTo(ValidationCode.BAD_CERTIFICATE);
        assertThat(check.reason()).contains("belongs to organization 'Org2'");
    }

    @Test
    void a_certificate_from_an_impostor_ca_with_the_same_name_does_not_chain() {
        CertificateAuthority impostor = CertificateAuthority.create("Org1", NETWORK.scheme(), Duration.ofDays(30));
        Creator creator = creator("Org1", impostor.issue(CertificateRole.USER, "eve", Duration.ofDays(1)));

        CreatorCheck check = membership.check(creator, now);

        assertThat(check.code()).isEqualTo(ValidationCode.BAD_CERTIFICATE);
        assertThat(check.reason()).contains("does not chain");
    }

    @Test
    void bytes_that_are_not_a_certificate_are_a_bad_certificate() {
        Creator creator = Creator.newBuilder().setOrganization("Org1").setCertificate(ByteString.copyFromUtf8("hello")).build();

        assertThat(membership.check(creator, now).code()).isEqualTo(ValidationCode.BAD_CERTIFICATE);
    }

    @Test
    void a_certificate_is_refused_outside_its_validity() {
        Creator creator = NETWORK.client("Org1").creator();

        CreatorCheck later = membership.check(creator, now.plus(Duration.ofDays(400)));
        CreatorCheck earlier = membership.check(creator, now.minus(Duration.ofDays(1)));

        assertThat(later.code()).isEqualTo(ValidationCode.BAD_CERTIFICATE);
        assertThat(later.reason()).contains("not valid at");
        assertThat(earlier.code()).isEqualTo(ValidationCode.BAD_CERTIFICATE);
        assertThat(membership.check(creator, now).valid()).isTrue();
    }

    @Test
    void a_certificate_id_resolves_only_when_registered() {
        TestClient client = NETWORK.client("Org1");
        ByteString der = client.creator().getCertificate();
        ByteString id = CertificateRegistry.id(NETWORK.hash(), der);
        java.util.Map<ByteString, byte[]> registered = new java.util.concurrent.ConcurrentHashMap<>();
        Membership withRegistry = new Membership(NETWORK.config(),
                requested -> java.util.Optional.ofNullable(registered.get(requested)));
        Creator byId = Creator.newBuilder().setOrganization("Org1").setCertificateId(id).build();

        CreatorCheck before = withRegistry.check(byId, now);
        registered.put(id, der.toByteArray());
        CreatorCheck after = withRegistry.check(byId, now);

        assertThat(before.code()).isEqualTo(ValidationCode.UNKNOWN_CERTIFICATE);
        assertThat(before.reason()).contains(io.consortia.crypto.Hashes.hex(id.toByteArray()), "send the certificate itself");
        assertThat(after.code()).isEqualTo(ValidationCode.VALID);
        assertThat(after.publicKey()).isEqualTo(client.credential().certificate().getPublicKey());
        // the id stands for the certificate, so the certificate's own checks still apply
        Creator claimingOrg2 = byId.toBuilder().setOrganization("Org2").build();
        assertThat(withRegistry.check(claimingOrg2, now).code()).isEqualTo(ValidationCode.BAD_CERTIFICATE);
        assertThat(withRegistry.check(byId, now.plus(Duration.ofDays(3650))).code())
                .isEqualTo(ValidationCode.BAD_CERTIFICATE);
    }

    @Test
    void a_certificate_id_that_is_not_a_hash_is_a_bad_certificate() {
        Creator creator = Creator.newBuilder().setOrganization("Org1").setCertificateId(ByteString.copyFrom(new byte[5])).build();

        CreatorCheck check = membership.check(creator, now);

        assertThat(check.code()).isEqualTo(ValidationCode.BAD_CERTIFICATE);
        assertThat(check.reason()).contains("5 bytes", "32-byte hash");
    }

    @Test
    void a_tls_certificate_cannot_sign_transactions() {
        IssuedCredential tls = NETWORK.ca("Org1").issueTls("node1", List.of("localhost"), Duration.ofDays(1));

        CreatorCheck check = membership.check(creator("Org1", tls), now);

        assertThat(check.code()).isEqualTo(ValidationCode.BAD_CERTIFICATE);
        assertThat(check.reason()).contains("tls certificate cannot sign");
    }

    @Test
    void a_certificate_is_parsed_and_validated_once_however_often_it_signs() {
        Creator creator = NETWORK.client("Org1").creator();

        for (int i = 0; i < 1000; i++) {
            assertThat(membership.check(creator, now).valid()).isTrue();
        }

        assertThat(membership.cachedCertificates()).isEqualTo(1);
    }

    @Test
    void a_config_with_unreadable_root_certificates_is_refused() {
        var config = NETWORK.config().toBuilder()
                .addOrganizations(Organization.newBuilder().setName("Broken").setRootCertificatesPem("not a pem"))
                .build();

        assertThatThrownBy(() -> new Membership(config)).isInstanceOf(NodeException.class).hasMessageContaining("Broken");
    }

    private static Creator creator(String organization, IssuedCredential credential) {
        try {
            return Creator.newBuilder().setOrganization(organization)
                    .setCertificate(ByteString.copyFrom(credential.certificate().getEncoded())).build();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
