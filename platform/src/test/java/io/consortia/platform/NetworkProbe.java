package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Pem;
import io.consortia.platform.custody.KeyBundle;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.sdk.AdminClient;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks at a platform's nodes from outside, as an organisation that exported its keys would:
 * its admin identity and TLS client certificate from the passphrase-encrypted bundle, every
 * member's TLS root from the certificates the API lists. Reads each node on its own, so the
 * test compares what every node says rather than what one gateway says.
 */
final class NetworkProbe {
    private static final String PASSPHRASE = "living networks passphrase";

    /** The custodial keys of one organisation in one consortium. */
    record Keys(String organization, List<KeyBundle.Entry> entries) {
        KeyBundle.Entry entry(String purpose, String subject) {
            return entries.stream().filter(e -> e.purpose().equals(purpose) && (subject == null
                    || e.subject().equals(subject))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + purpose + " key " + subject + " in " + entries));
        }

        Identity identity(String purpose, String subject) {
            KeyBundle.Entry e = entry(purpose, subject);
            return Identity.of(organization, Pem.readCertificate(e.certificatePem()), Pem.readPrivateKey(e.privateKeyPem()));
        }
    }

    private NetworkProbe() {}

    /** Exports an organisation's keys of the consortium (as that organisation's admin, who gives their password). */
    static Keys export(Api organizationAdmin, String adminPassword, long organizationId, long consortiumId,
            String organization) {
        Api.Response exported = organizationAdmin.post("/api/v1/organizations/" + organizationId + "/keys/export",
                Json.of("passphrase", PASSPHRASE, "currentPassword", adminPassword));
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        try {
            KeyBundle bundle = Api.JSON.treeToValue(exported.json(), KeyBundle.class);
            return new Keys(organization, KeyBundle.open(bundle, PASSPHRASE.toCharArray()).stream()
                    .filter(e -> e.consortiumId() == consortiumId).toList());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Every member's TLS root, from the (public) certificates of the given organisations. */
    static List<X509Certificate> tlsRoots(Api api, long consortiumId, List<Long> organizationIds) {
        List<X509Certificate> roots = new ArrayList<>();
        for (long organization : organizationIds) {
            for (JsonNode key : api.get("/api/v1/consortia/" + consortiumId + "/organizations/" + organization
                    + "/certificates").json()) {
                if ("TLS_ROOT".equals(key.get("purpose").asText())) {
                    roots.add(Pem.readCertificate(key.get("certificatePem").asText()));
                }
            }
        }
        return roots;
    }

    /** A gateway to one node only, signing as {@code identity}, presenting {@code tls}'s client certificate. */
    static Gateway gateway(String apiAddress, Identity identity, Keys tls, List<X509Certificate> roots) {
        KeyBundle.Entry client = tls.entry("CLIENT_TLS", null);
        String[] hostPort = apiAddress.split(":");
        return Gateway.newInstance().endpoint(hostPort[0], Integer.parseInt(hostPort[1])).identity(identity)
                .tls(roots, Pem.readCertificate(client.certificatePem()), Pem.readPrivateKey(client.privateKeyPem()))
                .certificateIds(false)
                .commitTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(10)).connect();
    }

    /** The Raft view of {@code channel} on a node of {@code keys}' organisation. */
    static Optional<ChannelStatus> status(String apiAddress, Keys keys, List<X509Certificate> roots, String channel) {
        KeyBundle.Entry client = keys.entry("CLIENT_TLS", null);
        String[] hostPort = apiAddress.split(":");
        try (AdminClient admin = AdminClient.newInstance().endpoint(hostPort[0], Integer.parseInt(hostPort[1]))
                .tls(roots, Pem.readCertificate(client.certificatePem()), Pem.readPrivateKey(client.privateKeyPem()))
                .timeout(Duration.ofSeconds(10)).connect()) {
            return admin.status().getChannelsList().stream().filter(c -> c.getName().equals(channel)).findFirst();
        }
    }

    /** The hashes of blocks 0 .. height-1 of a channel as one node has them. */
    static List<String> hashes(Gateway gateway, String channel, long height) {
        List<String> hashes = new ArrayList<>();
        for (long number = 0; number < height; number++) {
            Block block = gateway.channel(channel).blockByNumber(number);
            hashes.add(io.consortia.crypto.Hashes.hex(block.getHash().toByteArray()));
        }
        return hashes;
    }
}
