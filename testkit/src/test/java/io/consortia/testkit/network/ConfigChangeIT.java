package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.ConfigSignature;
import io.consortia.protocol.v1.ConfigUpdate;
import io.consortia.protocol.v1.SignedConfigUpdate;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.ConfigChanges;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Identity;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Configuration changes on a real three-node network (one node process per organisation, mutual
 * TLS): a change commits only when signed by enough admins of the configuration in force and
 * based on its version; it commits on every node at the same block, and membership follows it
 * from the next block (a new organisation's users, a revoked certificate, a removed organisation).
 */
class ConfigChangeIT {
    private static final String CHANNEL = "main";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");
    private static final AtomicLong DOCUMENTS = new AtomicLong();
    private static MiniNetwork network;
    private static final List<Gateway> GATEWAYS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        network = MiniNetwork.builder().organizations(3).channel(CHANNEL).processes(true).start();
    }

    @AfterAll
    static void stop() {
        GATEWAYS.forEach(Gateway::close);
        if (network != null) {
            network.close();
        }
    }

    private static Channel channel(MiniNode node) {
        return network.gateway(node, node.organization()).channel(CHANNEL);
    }

    private static Channel submitter() {
        return channel(network.nodes().get(0));
    }

    private static ChannelConfigInfo current() {
        return submitter().config();
    }

    /** Every admin of the network's own organisations (org1..org3) signs: meets MAJORITY of up to 4 members. */
    private static SignedConfigUpdate signedBy(ConfigUpdate update, List<Identity> admins) {
        List<ConfigSignature> signatures = admins.stream().map(admin -> ConfigChanges.sign(update, admin)).toList();
        return ConfigChanges.assemble(update, signatures);
    }

    private static List<Identity> admins(String... organizations) {
        return List.of(organizations).stream().map(network::adminIdentity).toList();
    }

    /** A gateway to the node acting as {@code identity}, over a TLS client certificate of {@code tlsOrganization}. */
    private static Gateway gatewayAs(MiniNode node, Identity identity, String tlsOrganization) {
        IssuedCredential tls = network.caFor(tlsOrganization).issueTls(CertificateRole.USER,
                "client-" + DOCUMENTS.incrementAndGet(), LOOPBACK, Duration.ofDays(1));
        Gateway gateway = Gateway.newInstance().endpoint("127.0.0.1", node.apiPort()).identity(identity)
                .tls(network.tlsRoots(), tls.certificate(), tls.privateKey()).connect();
        GATEWAYS.add(gateway);
        return gateway;
    }

    private static SubmitResponse record(Channel channel) {
        String hash = Hashes.hex(Hashes.sha256().digest(("config-it-" + DOCUMENTS.incrementAndGet()).getBytes()));
        Transaction tx = channel.newTransaction("notarization", "record", hash, "x");
        return channel.submitAll(List.of(tx), true).get(0);
    }

    /** Waits until every node serves {@code version}, then checks they agree on where it was committed. */
    private static ChannelConfigInfo awaitVersionEverywhere(long version) {
        List<ChannelConfigInfo> infos = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            infos.clear();
            for (MiniNode node : network.nodes()) {
                infos.add(channel(node).config());
            }
            assertThat(infos).extracting(i -> i.getConfig().getVersion()).containsOnly(version);
        });
        assertThat(infos).as("the same version, block and transaction on every node").containsOnly(infos.get(0));
        return infos.get(0);
    }

    private static void assertIdenticalBlockHashes() {
        long height = submitter().chainInfo().getHeight();
        network.awaitHeight(height);
        for (long n = 0; n < height; n++) {
            List<String> hashes = new ArrayList<>();
            for (MiniNode node : network.nodes()) {
                hashes.add(Hashes.hex(channel(node).blockByNumber(n).getHash().toByteArray()));
            }
            assertThat(hashes).as("hashes of block %d on every node", n).containsOnly(hashes.get(0));
        }
    }

    @Test
    void changes_without_enough_admins_on_a_stale_version_or_by_non_admins_are_refused_and_change_nothing() {
        ChannelConfigInfo before = awaitVersionEverywhere(current().getConfig().getVersion());
        long version = before.getConfig().getVersion();
        ConfigUpdate update = ConfigChanges.next(before.getConfig()).policy(ChangePolicy.MAJORITY).build();

        SubmitResponse tooFew = submitter().submitConfigUpdate(signedBy(update, admins("org1")));
        SubmitResponse nonAdmin = submitter().submitConfigUpdate(signedBy(update,
                List.of(network.identity("org1"), network.identity("org2"))));
        ConfigUpdate stale = update.toBuilder().setBaseVersion(version - 1)
                .setConfig(update.getConfig().toBuilder().setVersion(version)).build();
        SubmitResponse staleResponse = submitter().submitConfigUpdate(signedBy(stale, admins("org1", "org2", "org3")));

        assertThat(tooFew.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(tooFew.getCode()).isEqualTo(ValidationCode.CONFIG_POLICY_NOT_MET);
        assertThat(tooFew.getReason()).contains("needs 2");
        assertThat(nonAdmin.getCode()).isEqualTo(ValidationCode.CONFIG_SIGNER_NOT_ADMIN);
        assertThat(nonAdmin.getReason()).contains("not an ADMIN certificate");
        assertThat(staleResponse.getCode()).isEqualTo(ValidationCode.CONFIG_VERSION_MISMATCH);
        for (MiniNode node : network.nodes()) {
            assertThat(channel(node).config()).as("configuration on %s", node.nodeId()).isEqualTo(before);
        }
    }

    @Test
    void of_two_changes_admitted_on_the_same_version_the_second_commits_as_a_version_mismatch_on_every_node() {
        ChannelConfigInfo before = current();
        ChannelConfig config = before.getConfig();
        List<Identity> admins = admins("org1", "org2", "org3");
        ConfigUpdate first = ConfigChanges.next(config).policy(ChangePolicy.MAJORITY).build();
        ConfigUpdate second = ConfigChanges.next(config).limits(config.getLimits()).build();
        Channel channel = submitter();
        Transaction a = channel.newTransaction("_config", "update", signedBy(first, admins).toByteArray());
        Transaction b = channel.newTransaction("_config", "update", signedBy(second, admins).toByteArray());

        List<SubmitResponse> responses = channel.submitAll(List.of(a, b), true);

        assertThat(responses).extracting(SubmitResponse::getStatus)
                .containsExactly(TransactionStatus.COMMITTED, TransactionStatus.COMMITTED);
        assertThat(responses).extracting(SubmitResponse::getCode)
                .containsExactly(ValidationCode.VALID, ValidationCode.CONFIG_VERSION_MISMATCH);
        ChannelConfigInfo after = awaitVersionEverywhere(config.getVersion() + 1);
        assertThat(after.getTransactionId()).isEqualTo(responses.get(0).getTransactionId());
        assertThat(after.getBlockNumber()).isEqualTo(responses.get(0).getBlockNumber());
        assertThat(after.getConfig()).isEqualTo(first.getConfig());
        assertIdenticalBlockHashes();
    }

    @Test
    void an_added_organization_transacts_from_the_next_block_and_a_removed_one_is_refused() {
        CertificateAuthority org4 = CertificateAuthority.create("org4", network.scheme(), Duration.ofDays(30));
        IssuedCredential user = org4.issue(CertificateRole.USER, "user@org4", Duration.ofDays(30));
        Identity org4User = Identity.of("org4", user.certificate(), user.privateKey(), network.scheme());
        Channel org4Channel = gatewayAs(network.nodes().get(2), org4User, "org3").channel(CHANNEL);
        assertThat(record(org4Channel).getCode()).isEqualTo(ValidationCode.UNKNOWN_ORGANIZATION);

        ChannelConfig config = current().getConfig();
        ConfigUpdate add = ConfigChanges.next(config).addOrganization("org4", Pem.write(org4.root())).build();
        SubmitResponse added = submitter().submitConfigUpdate(signedBy(add, admins("org1", "org2")));

        assertThat(added.getCode()).as(added.getReason()).isEqualTo(ValidationCode.VALID);
        assertThat(added.getResult().toStringUtf8()).isEqualTo(Long.toString(config.getVersion() + 1));
        ChannelConfigInfo info = awaitVersionEverywhere(config.getVersion() + 1);
        assertThat(info.getBlockNumber()).isEqualTo(added.getBlockNumber());
        assertThat(info.getConfig().getOrganizationsList()).extracting(o -> o.getName()).contains("org4");
        assertThat(channel(network.nodes().get(1)).config(config.getVersion()).getConfig())
                .as("the previous version stays readable").isEqualTo(config);
        SubmitResponse member = record(org4Channel);
        assertThat(member.getStatus()).isEqualTo(TransactionStatus.COMMITTED);
        assertThat(member.getCode()).as(member.getReason()).isEqualTo(ValidationCode.VALID);
        assertIdenticalBlockHashes();

        // four members now: MAJORITY needs three
        ConfigUpdate remove = ConfigChanges.next(info.getConfig()).removeOrganization("org4").build();
        assertThat(submitter().submitConfigUpdate(signedBy(remove, admins("org1", "org2"))).getCode())
                .isEqualTo(ValidationCode.CONFIG_POLICY_NOT_MET);
        SubmitResponse removed = submitter().submitConfigUpdate(signedBy(remove, admins("org1", "org2", "org3")));
        assertThat(removed.getCode()).as(removed.getReason()).isEqualTo(ValidationCode.VALID);
        awaitVersionEverywhere(config.getVersion() + 2);

        SubmitResponse refused = record(org4Channel);
        assertThat(refused.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(refused.getCode()).isEqualTo(ValidationCode.UNKNOWN_ORGANIZATION);
        assertIdenticalBlockHashes();
    }

    @Test
    void a_revoked_certificate_is_refused_at_once_while_other_users_stay_valid() {
        IssuedCredential carolCredential = network.caFor("org2").issue(CertificateRole.USER, "carol@org2",
                Duration.ofDays(30));
        Identity carol = Identity.of("org2", carolCredential.certificate(), carolCredential.privateKey(),
                network.scheme());
        // through the node that answers the change's commit: it has applied it when it answers
        Channel carolChannel = gatewayAs(network.nodes().get(0), carol, "org2").channel(CHANNEL);
        Channel bob = channel(network.nodes().get(1));
        assertThat(record(carolChannel).getCode()).isEqualTo(ValidationCode.VALID);

        ChannelConfig config = current().getConfig();
        ConfigUpdate revoke = ConfigChanges.next(config).revokeCertificate("org2",
                carolCredential.certificate().getSerialNumber(), System.currentTimeMillis(), "left the company").build();
        SubmitResponse revoked = submitter().submitConfigUpdate(signedBy(revoke, admins("org1", "org2", "org3")));
        assertThat(revoked.getCode()).as(revoked.getReason()).isEqualTo(ValidationCode.VALID);

        // revoked whether her gateway carries her certificate or names it by id (ConfigChangeExecutionTest checks both)
        SubmitResponse refused = record(carolChannel);
        assertThat(refused.getStatus()).isEqualTo(TransactionStatus.REJECTED);
        assertThat(refused.getCode()).isEqualTo(ValidationCode.CERTIFICATE_REVOKED);
        assertThat(refused.getReason()).contains("revoked by the channel configuration");
        assertThat(record(bob).getCode()).isEqualTo(ValidationCode.VALID);
        awaitVersionEverywhere(config.getVersion() + 1);
        for (MiniNode node : network.nodes()) {
            Channel viaNode = gatewayAs(node, carol, "org2").channel(CHANNEL);
            assertThat(record(viaNode).getCode()).as("carol via %s", node.nodeId())
                    .isEqualTo(ValidationCode.CERTIFICATE_REVOKED);
        }
        assertIdenticalBlockHashes();
    }

    @Test
    void an_unknown_version_is_not_found_with_a_reason() {
        long version = current().getConfig().getVersion();
        assertThat(submitter().config(1).getConfig().getVersion()).isEqualTo(1);
        GatewayException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> submitter().config(version + 100), GatewayException.class);
        assertThat(e.status().orElseThrow().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND);
        assertThat(e.getMessage()).contains("has no configuration version " + (version + 100));
    }
}
