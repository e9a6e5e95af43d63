package io.consortia.node.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.node.execution.Membership;
import io.consortia.node.execution.TestNetworkFixture;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ConfigSignature;
import io.consortia.protocol.v1.ConfigUpdate;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.RevokedCertificate;
import io.consortia.protocol.v1.SignedConfigUpdate;
import io.consortia.protocol.v1.ValidationCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigUpdateVerifierTest {
    private final TestNetworkFixture network = TestNetworkFixture.builder().members("Org1", "Org2", "Org3")
            .outsiders("Mallory", "Org4").build();
    private final Instant now = Instant.ofEpochMilli(network.now());

    /** The fixture's config with usable peer addresses and version 1. */
    private ChannelConfig current(ChangePolicy policy) {
        ChannelConfig.Builder config = network.config().toBuilder().setVersion(1).setPolicy(policy);
        for (int i = 0; i < config.getPeersCount(); i++) {
            config.setPeers(i, config.getPeers(i).toBuilder().setRaftAddress("127.0.0.1:" + (7000 + i))
                    .setApiAddress("127.0.0.1:" + (8000 + i)));
        }
        return config.build();
    }

    private ConfigUpdate addOrg4(ChannelConfig current) {
        ChannelConfig next = current.toBuilder().setVersion(current.getVersion() + 1)
                .addOrganizations(Organization.newBuilder().setName("Org4")
                        .setRootCertificatesPem(Pem.write(network.ca("Org4").root())))
                .build();
        return ConfigUpdate.newBuilder().setChannel(current.getName()).setBaseVersion(current.getVersion())
                .setConfig(next).build();
    }

    private IssuedCredential admin(String org) {
        return network.ca(org).issue(CertificateRole.ADMIN, "admin", Duration.ofDays(30));
    }

    private ConfigSignature sign(ConfigUpdate update, String org, IssuedCredential credential) throws Exception {
        return ConfigSignature.newBuilder().setOrganization(org)
                .setCertificate(ByteString.copyFrom(credential.certificate().getEncoded()))
                .setSignature(ByteString.copyFrom(network.scheme().signer(credential.privateKey())
                        .sign(update.toByteArray())))
                .build();
    }

    private ConfigVerdict verify(ChannelConfig current, ConfigUpdate update, List<ConfigSignature> signatures,
                                 Instant at) {
        Membership membership = new Membership(current);
        SignedConfigUpdate signed = SignedConfigUpdate.newBuilder().setUpdate(update.toByteString())
                .addAllSignatures(signatures).build();
        return new ConfigUpdateVerifier(current, membership::checkCertificate, network.scheme())
                .verify(List.of(signed.toByteString()), at);
    }

    @Test
    void majority_of_three_needs_two_organizations() throws Exception {
        ChannelConfig current = current(ChangePolicy.MAJORITY);
        ConfigUpdate update = addOrg4(current);

        ConfigVerdict one = verify(current, update, List.of(sign(update, "Org1", admin("Org1"))), now);
        ConfigVerdict two = verify(current, update,
                List.of(sign(update, "Org1", admin("Org1")), sign(update, "Org2", admin("Org2"))), now);

        assertThat(one.code()).isEqualTo(ValidationCode.CONFIG_POLICY_NOT_MET);
        assertThat(one.reason()).contains("1 of 3 organizations signed [Org1]", "MAJORITY needs 2");
        assertThat(two.code()).isEqualTo(ValidationCode.VALID);
        assertThat(two.next()).isEqualTo(update.getConfig());
    }

    @Test
    void two_admins_of_one_organization_count_once() throws Exception {
        ChannelConfig current = current(ChangePolicy.MAJORITY);
        ConfigUpdate update = addOrg4(current);

        ConfigVerdict verdict = verify(current, update,
                List.of(sign(update, "Org1", admin("Org1")), sign(update, "Org1", admin("Org1"))), now);

        assertThat(verdict.code()).isEqualTo(ValidationCode.CONFIG_POLICY_NOT_MET);
    }

    @Test
    void any_needs_one_and_all_needs_every_organization() throws Exception {
        ChannelConfig any = current(ChangePolicy.ANY);
        ConfigUpdate anyUpdate = addOrg4(any);
        assertThat(verify(any, anyUpdate, List.of(sign(anyUpdate, "Org3", admin("Org3"))), now).code())
                .isEqualTo(ValidationCode.VALID);

        ChannelConfig all = current(ChangePolicy.ALL);
        ConfigUpdate allUpdate = addOrg4(all);
        List<ConfigSignature> two = List.of(sign(allUpdate, "Org1", admin("Org1")), sign(allUpdate, "Org2", admin("Org2")));
        assertThat(verify(all, allUpdate, two, now).code()).isEqualTo(ValidationCode.CONFIG_POLICY_NOT_MET);
        List<ConfigSignature> three = List.of(two.get(0), two.get(1), sign(allUpdate, "Org3", admin("Org3")));
        assertThat(verify(all, allUpdate, three, now).code()).isEqualTo(ValidationCode.VALID);
    }

    @Test
    void a_user_certificate_is_not_an_admin() throws Exception {
        ChannelConfig current = current(ChangePolicy.ANY);
        ConfigUpdate update = addOrg4(current);
        IssuedCredential user = network.ca("Org1").issue(CertificateRole.USER, "alice", Duration.ofDays(30));

        ConfigVerdict verdict = verify(current, update, List.of(sign(update, "Org1", user)), now);

        assertThat(verdict.code()).isEqualTo(ValidationCode.CONFIG_SIGNER_NOT_ADMIN);
        assertThat(verdict.reason()).contains("signature 1 (organization 'Org1')", "not an ADMIN certificate");
    }

    @Test
    void an_admin_signing_for_another_organization_or_for_a_non_member_is_refused() throws Exception {
        ChannelConfig current = current(ChangePolicy.ANY);
        ConfigUpdate update = addOrg4(current);

        ConfigVerdict wrongOrg = verify(current, update, List.of(sign(update, "Org2", admin("Org1"))), now);
        ConfigVerdict outsider = verify(current, update, List.of(sign(update, "Org4", admin("Org4"))), now);

        assertThat(wrongOrg.code()).isEqualTo(ValidationCode.CONFIG_SIGNER_NOT_ADMIN);
        assertThat(wrongOrg.reason()).contains("belongs to organization 'Org1', not 'Org2'");
        assertThat(outsider.code()).isEqualTo(ValidationCode.CONFIG_SIGNER_NOT_ADMIN);
        assertThat(outsider.reason()).contains("not an organization of the configuration in force");
    }

    @Test
    void a_signature_over_other_bytes_is_refused_even_when_enough_others_signed() throws Exception {
        ChannelConfig current = current(ChangePolicy.MAJORITY);
        ConfigUpdate update = addOrg4(current);
        ConfigUpdate other = update.toBuilder().setConfig(update.getConfig().toBuilder().setPolicy(ChangePolicy.ANY)).build();

        ConfigVerdict verdict = verify(current, update, List.of(sign(update, "Org1", admin("Org1")),
                sign(update, "Org2", admin("Org2")), sign(other, "Org3", admin("Org3"))), now);

        assertThat(verdict.code()).isEqualTo(ValidationCode.CONFIG_SIGNER_NOT_ADMIN);
        assertThat(verdict.reason()).contains("signature 3", "does not verify over the update bytes");
    }

    @Test
    void an_expired_or_revoked_admin_certificate_is_refused() throws Exception {
        ChannelConfig current = current(ChangePolicy.ANY);
        ConfigUpdate update = addOrg4(current);
        ConfigSignature signature = sign(update, "Org1", admin("Org1"));

        ConfigVerdict expired = verify(current, update, List.of(signature), now.plus(Duration.ofDays(31)));
        assertThat(expired.code()).isEqualTo(ValidationCode.CONFIG_SIGNER_NOT_ADMIN);
        assertThat(expired.reason()).contains("is not valid at");

        IssuedCredential revokedAdmin = admin("Org1");
        ChannelConfig revoking = current.toBuilder().setOrganizations(0, current.getOrganizations(0).toBuilder()
                .addRevoked(RevokedCertificate.newBuilder().setSerialNumber(
                        ByteString.copyFrom(revokedAdmin.certificate().getSerialNumber().toByteArray())))).build();
        ConfigUpdate update2 = addOrg4(revoking);
        ConfigVerdict revoked = verify(revoking, update2, List.of(sign(update2, "Org1", revokedAdmin)), now);
        assertThat(revoked.code()).isEqualTo(ValidationCode.CONFIG_SIGNER_NOT_ADMIN);
        assertThat(revoked.reason()).contains("is revoked");
        assertThat(verify(revoking, update2, List.of(sign(update2, "Org1", admin("Org1"))), now).code())
                .isEqualTo(ValidationCode.VALID);
    }

    @Test
    void a_change_based_on_another_version_is_a_version_mismatch() throws Exception {
        ChannelConfig current = current(ChangePolicy.ANY).toBuilder().setVersion(2).build();
        ConfigUpdate stale = addOrg4(current(ChangePolicy.ANY));

        ConfigVerdict verdict = verify(current, stale, List.of(sign(stale, "Org1", admin("Org1"))), now);

        assertThat(verdict.code()).isEqualTo(ValidationCode.CONFIG_VERSION_MISMATCH);
        assertThat(verdict.reason()).contains("based on version 1 but the channel is at version 2");
    }

    @Test
    void a_next_config_that_breaks_a_rule_or_is_malformed_is_invalid() throws Exception {
        ChannelConfig current = current(ChangePolicy.ANY);
        ConfigUpdate renamed = addOrg4(current).toBuilder()
                .setConfig(addOrg4(current).getConfig().toBuilder().setName("other")).build();
        ConfigUpdate skipped = addOrg4(current).toBuilder()
                .setConfig(addOrg4(current).getConfig().toBuilder().setVersion(3)).build();

        ConfigVerdict rule = verify(current, renamed, List.of(sign(renamed, "Org1", admin("Org1"))), now);
        ConfigVerdict version = verify(current, skipped, List.of(sign(skipped, "Org1", admin("Org1"))), now);
        ConfigVerdict garbage = new ConfigUpdateVerifier(current, new Membership(current)::checkCertificate,
                network.scheme()).verify(List.of(ByteString.copyFromUtf8("not a message")), now);

        assertThat(rule.code()).isEqualTo(ValidationCode.CONFIG_INVALID);
        assertThat(rule.reason()).contains("the channel name cannot change");
        assertThat(version.code()).isEqualTo(ValidationCode.CONFIG_INVALID);
        assertThat(version.reason()).contains("must have version 2, not 3");
        assertThat(garbage.code()).isEqualTo(ValidationCode.CONFIG_INVALID);
    }
}
