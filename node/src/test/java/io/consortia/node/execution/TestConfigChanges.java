package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ConfigSignature;
import io.consortia.protocol.v1.ConfigUpdate;
import io.consortia.protocol.v1.SignedConfigUpdate;
import io.consortia.protocol.v1.Transaction;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;

/** Configuration-change transactions for a {@link TestNetworkFixture}, signed by fresh admins of named organisations. */
public final class TestConfigChanges {
    private TestConfigChanges() {}

    /** The fixture's config with peer addresses a configuration change accepts (the fixture uses port 0). */
    public static ChannelConfig withAddresses(ChannelConfig config) {
        ChannelConfig.Builder b = config.toBuilder();
        for (int i = 0; i < b.getPeersCount(); i++) {
            b.setPeers(i, b.getPeers(i).toBuilder().setRaftAddress("127.0.0.1:" + (7000 + i))
                    .setApiAddress("127.0.0.1:" + (8000 + i)));
        }
        return b.build();
    }

    /** A change to {@code next} (based on its version - 1), created by Org-{@code creator}'s user. */
    public static Transaction change(TestNetworkFixture network, String creator, ChannelConfig next,
                                     String... signingOrganizations) {
        ConfigUpdate update = ConfigUpdate.newBuilder().setChannel(next.getName())
                .setBaseVersion(next.getVersion() - 1).setConfig(next).build();
        SignedConfigUpdate.Builder signed = SignedConfigUpdate.newBuilder().setUpdate(update.toByteString());
        for (String org : signingOrganizations) {
            IssuedCredential admin = network.ca(org).issue(CertificateRole.ADMIN, "admin", Duration.ofDays(30));
            try {
                signed.addSignatures(ConfigSignature.newBuilder().setOrganization(org)
                        .setCertificate(ByteString.copyFrom(admin.certificate().getEncoded()))
                        .setSignature(ByteString.copyFrom(network.scheme().signer(admin.privateKey())
                                .sign(update.toByteArray()))));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return network.client(creator).call("_config", "update").addArg(signed.build().toByteString()).build();
    }
}
