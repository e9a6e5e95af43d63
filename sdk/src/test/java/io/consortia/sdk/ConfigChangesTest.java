package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ConfigSignature;
import io.consortia.protocol.v1.ConfigUpdate;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.PeerRole;
import io.consortia.protocol.v1.SignedConfigUpdate;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {
    private static final ChannelConfig CURRENT = ChannelConfig.newBuilder().setName("main").setVersion(3)
            .addOrganizations(Organization.newBuilder().setName("org1").setRootCertificatesPem("pem1"))
            .addPeers(Peer.newBuilder().setNodeId("n1").setOrganization("org1").setRaftAddress("h:1").setApiAddress("h:2"))
            .build();

    @Test
    void the_update_is_the_next_version_based_on_the_current_one() {
        ConfigUpdate update = ConfigChanges.next(CURRENT).addOrganization("org2", "pem2")
                .addLearner("n2", "org2", "h:3", "h:4").policy(ChangePolicy.ALL)
                .revokeCertificate("org1", BigInteger.valueOf(4242), 7, "lost")
                .revokeCertificate("org1", BigInteger.valueOf(4242), 8, "again")
                .build();

        assertThat(update.getChannel()).isEqualTo("main");
        assertThat(update.getBaseVersion()).isEqualTo(3);
        assertThat(update.getConfig().getVersion()).isEqualTo(4);
        assertThat(update.getConfig().getPolicy()).isEqualTo(ChangePolicy.ALL);
        assertThat(update.getConfig().getPeers(1).getRole()).isEqualTo(PeerRole.LEARNER);
        assertThat(update.getConfig().getOrganizations(0).getRevokedList()).singleElement()
                .satisfies(r -> assertThat(new BigInteger(r.getSerialNumber().toByteArray())).isEqualTo(4242));
    }

    @Test
    void promote_demote_and_remove_edit_the_named_peer_and_unknown_names_are_refused() {
        ChannelConfig promoted = ConfigChanges.next(CURRENT).addLearner("n2", "org1", "h:3", "h:4").config();
        assertThat(ConfigChanges.next(promoted).promote("n2").config().getPeers(1).getRole()).isEqualTo(PeerRole.VOTER);
        assertThat(ConfigChanges.next(CURRENT).demote("n1").config().getPeers(0).getRole()).isEqualTo(PeerRole.LEARNER);
        assertThat(ConfigChanges.next(promoted).removePeer("n2").config().getPeersList()).hasSize(1);
        assertThat(ConfigChanges.next(CURRENT).removeOrganization("org1").config().getOrganizationsList()).isEmpty();
        assertThatThrownBy(() -> ConfigChanges.next(CURRENT).promote("n9")).hasMessageContaining("peer n9 is not");
        assertThatThrownBy(() -> ConfigChanges.next(CURRENT).addOrganization("org1", "x")).hasMessageContaining("already");
        assertThatThrownBy(() -> ConfigChanges.next(CURRENT).removeOrganization("org9")).hasMessageContaining("org9");
    }

    @Test
    void a_version_0_configuration_is_version_1() {
        ConfigUpdate update = ConfigChanges.next(CURRENT.toBuilder().setVersion(0).build()).build();
        assertThat(update.getBaseVersion()).isEqualTo(1);
        assertThat(update.getConfig().getVersion()).isEqualTo(2);
    }

    @Test
    void an_admin_signs_the_update_bytes_with_its_certificate() throws Exception {
        Identity admin = TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256);
        ConfigUpdate update = ConfigChanges.next(CURRENT).policy(ChangePolicy.ANY).build();

        ConfigSignature signature = ConfigChanges.sign(update, admin);
        SignedConfigUpdate signed = ConfigChanges.assemble(update, List.of(signature));

        assertThat(signature.getOrganization()).isEqualTo("org1");
        assertThat(signature.getCertificate().toByteArray()).isEqualTo(admin.certificate().getEncoded());
        assertThat(SignatureScheme.ECDSA_P256_SHA256.verify(admin.certificate().getPublicKey(),
                signed.getUpdate().toByteArray(), signature.getSignature().toByteArray())).isTrue();
        assertThat(ConfigUpdate.parseFrom(signed.getUpdate())).isEqualTo(update);
    }
}
