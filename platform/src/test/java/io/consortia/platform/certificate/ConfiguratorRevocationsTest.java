package io.consortia.platform.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.platform.governance.ConfigChange;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.RevokedCertificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration change that lists an organisation's revoked certificates on a channel. */
class ConfiguratorRevocationsTest {
    private static final RevokedCertificate ONE = revoked(1);
    private static final RevokedCertificate TWO = revoked(2);
    private static final RevokedCertificate THREE = revoked(3);
    private static final ChannelConfig CONFIG = ChannelConfig.newBuilder().setName("main").setVersion(4)
            .addOrganizations(Organization.newBuilder().setName("org1").addRevoked(ONE))
            .addOrganizations(Organization.newBuilder().setName("org2").addRevoked(revoked(9)))
            .build();

    @Test
    void adds_only_the_certificates_the_channel_does_not_list_and_keeps_the_others() {
        ConfigChange change = ConfiguratorRevocations.change("org1", List.of(ONE, TWO, THREE));
        assertThat(change.isAppliedIn(CONFIG)).isFalse();
        ChannelConfig next = change.nextOf(CONFIG);
        assertThat(next.getVersion()).isEqualTo(5);
        assertThat(next.getOrganizations(0).getRevokedList()).containsExactly(ONE, TWO, THREE);
        assertThat(next.getOrganizations(1)).isEqualTo(CONFIG.getOrganizations(1));
        assertThat(change.isAppliedIn(next)).isTrue(); // a retry finds it done and submits nothing
    }

    @Test
    void a_channel_listing_them_all_already_has_the_change() {
        assertThat(ConfiguratorRevocations.change("org1", List.of(ONE)).isAppliedIn(CONFIG)).isTrue();
        assertThat(ConfiguratorRevocations.change("org2", List.of(ONE)).isAppliedIn(CONFIG)).isFalse();
    }

    private static RevokedCertificate revoked(int serial) {
        return RevokedCertificate.newBuilder().setSerialNumber(ByteString.copyFrom(new byte[] {(byte) serial}))
                .setRevokedMillis(1000L * serial).setReason("test " + serial).build();
    }
}
