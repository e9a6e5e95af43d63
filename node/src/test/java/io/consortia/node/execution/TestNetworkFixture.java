package io.consortia.node.execution;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.ledger.ChannelSchemes;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.Peer;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel with real CAs per organisation (made with {@link CertificateAuthority}), its
 * {@link ChannelConfig}, and clients that sign transactions. Defaults: channel
 * {@value #CHANNEL}, ECDSA P-256, members Org1 and Org2, outsider Mallory (a CA that is not
 * in the channel), creation time fixed so genesis blocks are comparable.
 *
 * <pre>{@code
 * TestNetworkFixture network = TestNetworkFixture.builder().scheme(SM2_SM3).build();
 * Transaction tx = network.client("Org1").call("notarization", "record", hash).build();
 * }</pre>
 */
public final class TestNetworkFixture {
    public static final String CHANNEL = "test-channel";
    public static final long CREATED_MILLIS = 1_700_000_000_000L;

    private final SignatureScheme scheme;
    private final ChannelConfig config;
    private final Map<String, CertificateAuthority> authorities;
    private final Map<String, TestClient> clients = new LinkedHashMap<>();
    private final AtomicLong nonces = new AtomicLong();
    private final long now = System.currentTimeMillis();

    private TestNetworkFixture(Builder builder) {
        this.scheme = builder.scheme;
        this.authorities = new LinkedHashMap<>();
        ChannelConfig.Builder config = ChannelConfig.newBuilder()
                .setName(builder.channel)
                .setScheme(ChannelSchemes.toProto(builder.scheme))
                .setCreatedMillis(builder.createdMillis);
        for (String member : builder.members) {
            CertificateAuthority ca = CertificateAuthority.create(member, scheme, Duration.ofDays(3650));
            authorities.put(member, ca);
            config.addOrganizations(Organization.newBuilder().setName(member).setRootCertificatesPem(Pem.write(ca.root())));
            config.addPeers(Peer.newBuilder().setNodeId(member.toLowerCase(java.util.Locale.ROOT) + "-node1").setOrganization(member)
                    .setRaftAddress("127.0.0.1:0").setApiAddress("127.0.0.1:0"));
        }
        for (String outsider : builder.outsiders) {
            authorities.put(outsider, CertificateAuthority.create(outsider, scheme, Duration.ofDays(3650)));
        }
        this.config = config.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default network (ECDSA P-256). */
    public static TestNetworkFixture create() {
        return builder().build();
    }

    public static TestNetworkFixture create(SignatureScheme scheme) {
        return builder().scheme(scheme).build();
    }

    public ChannelConfig config() {
        return config;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    public HashFunction hash() {
        return scheme.hash();
    }

    /** "Now" for this fixture: within every certificate's validity. */
    public long now() {
        return now;
    }

    public CertificateAuthority ca(String organization) {
        return Objects.requireNonNull(authorities.get(organization), "no CA for " + organization);
    }

    public Membership membership() {
        return new Membership(config);
    }

    /** A user of the organisation (the same one on every call). */
    public TestClient client(String organization) {
        return client(organization, "user1", CertificateRole.USER);
    }

    public synchronized TestClient client(String organization, String commonName, CertificateRole role) {
        return clients.computeIfAbsent(organization + "/" + commonName + "/" + role, key -> new TestClient(this,
                organization, ca(organization).issue(role, commonName, Duration.ofDays(365))));
    }

    /** A batch stamped with {@link #now()}. */
    public TransactionBatch batch(Transaction... transactions) {
        return batch(now, Arrays.asList(transactions));
    }

    public TransactionBatch batch(long timestampMillis, List<Transaction> transactions) {
        return TransactionBatch.newBuilder().setChannel(config.getName()).setTimestampMillis(timestampMillis)
                .addAllTransactions(transactions).build();
    }

    long nextNonce() {
        return nonces.incrementAndGet();
    }

    /** Configures a {@link TestNetworkFixture}; every setting has a default. */
    public static final class Builder {
        private SignatureScheme scheme = SignatureScheme.ECDSA_P256_SHA256;
        private String channel = CHANNEL;
        private long createdMillis = CREATED_MILLIS;
        private List<String> members = List.of("Org1", "Org2");
        private List<String> outsiders = List.of("Mallory");

        public Builder scheme(SignatureScheme value) {
            this.scheme = Objects.requireNonNull(value);
            return this;
        }

        public Builder channel(String value) {
            this.channel = Objects.requireNonNull(value);
            return this;
        }

        public Builder createdMillis(long value) {
            this.createdMillis = value;
            return this;
        }

        public Builder members(String... value) {
            this.members = new ArrayList<>(Arrays.asList(value));
            return this;
        }

        public Builder outsiders(String... value) {
            this.outsiders = new ArrayList<>(Arrays.asList(value));
            return this;
        }

        public TestNetworkFixture build() {
            return new TestNetworkFixture(this);
        }
    }
}
