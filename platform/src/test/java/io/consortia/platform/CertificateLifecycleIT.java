package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.Pem;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.Identity;
import io.consortia.sdk.SubmitException;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A consortium's certificate lifecycle through the REST API, on a real local network of
 * 2 organisations x 1 node: the inventory lists every certificate with the expiry its PEM says;
 * bad requests change nothing (the leader neither revokes nor shortens another organisation's
 * certificates); renewing "all expiring within 30 days" renews exactly those, the
 * old ones stay valid (SUPERSEDED) and their holders keep transacting; a revoked user
 * certificate is never used again; removing a user revokes their certificates; deleting a node
 * revokes its certificates on chain and the nodes refuse a copy of its keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class CertificateLifecycleIT {
    private PlatformRunner platform;
    private Api admin;
    private Api alice; // org1 admin, consortium leader
    private Api bob;   // org2 admin
    private Api carol; // org2 member
    private Api dave;  // org1 member
    private long org1;
    private long org2;
    private long consortium;

    @BeforeAll
    void startPlatform() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        admin = platform.admin();
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void the_inventory_lists_every_certificate_of_the_deployed_consortium_with_the_expiry_of_its_pem() {
        org1 = Fixtures.organization(admin, "org1");
        org2 = Fixtures.organization(admin, "org2");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        bob = Fixtures.member(admin, org2, "bob", "ADMIN");
        carol = Fixtures.member(bob, org2, "carol", "MEMBER");
        dave = Fixtures.member(alice, org1, "dave", "MEMBER");
        consortium = Fixtures.consortium(alice, "Certificate Alliance");
        alice.post("/api/v1/consortia/" + consortium + "/invitations", Json.of("organizationId", org2));
        long invitation = bob.get("/api/v1/invitations").json().get(0).get("id").asLong();
        assertThat(bob.post("/api/v1/invitations/" + invitation + "/accept", "").status()).isEqualTo(200);
        Api.Response deploy = alice.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
        assertThat(deploy.status()).as(deploy.toString()).isEqualTo(202);
        JsonNode deployed = Waits.deployment(alice, deploy.json().get("id").asLong());
        assertThat(deployed.get("status").asText()).as(deployed.toString()).isEqualTo("SUCCEEDED");
        notarize(carol, "carol's first");
        notarize(dave, "dave's first");

        JsonNode all = inventory(alice);
        List<String> roles = new ArrayList<>();
        all.forEach(c -> roles.add(c.get("organization").asText() + " " + c.get("role").asText() + " "
                + c.get("subject").asText()));
        String node1 = "c" + consortium + "-org1-0";
        String node2 = "c" + consortium + "-org2-0";
        assertThat(roles).containsExactlyInAnyOrder(
                "org1 CA_ROOT ca.org1", "org1 ADMIN admin@org1", "org1 CLIENT_TLS client@org1",
                "org1 NODE " + node1, "org1 NODE_TLS " + node1, "org1 USER dave",
                "org2 CA_ROOT ca.org2", "org2 ADMIN admin@org2", "org2 CLIENT_TLS client@org2",
                "org2 NODE " + node2, "org2 NODE_TLS " + node2, "org2 USER carol");
        // (On an ECDSA network an organisation's CA root is its TLS root too: one certificate, listed once.)
        assertThat(all).allSatisfy(c -> {
            assertThat(c.get("status").asText()).isEqualTo("VALID");
            assertThat(c.get("inUse").asBoolean()).isTrue();
        });
        assertThat(all.toString()).doesNotContain("PRIVATE KEY");

        // Each entry's serial and dates are those of the certificate custody holds.
        Map<String, X509Certificate> pems = new HashMap<>();
        for (long org : List.of(org1, org2)) {
            Api orgAdmin = org == org1 ? alice : bob;
            orgAdmin.get("/api/v1/organizations/" + org + "/keys").json().forEach(k -> {
                X509Certificate certificate = Pem.readCertificate(k.get("certificatePem").asText());
                pems.put(certificate.getSerialNumber().toString(16), certificate);
            });
        }
        long now = System.currentTimeMillis();
        for (JsonNode c : all) {
            X509Certificate certificate = pems.get(c.get("serial").asText());
            assertThat(certificate).as(c.toString()).isNotNull();
            assertThat(c.get("notAfter").asLong()).isEqualTo(certificate.getNotAfter().getTime());
            assertThat(c.get("notBefore").asLong()).isEqualTo(certificate.getNotBefore().getTime());
            long expectedDays = c.get("role").asText().endsWith("ROOT") ? 3650 : 825;
            assertThat(c.get("daysLeft").asLong()).isBetween(expectedDays - 1, expectedDays);
            assertThat((certificate.getNotAfter().getTime() - now) / 86_400_000L).isBetween(expectedDays - 1, expectedDays);
        }

        // A member sees every organisation's roots, admins and nodes, but only its own users.
        JsonNode seenByCarol = inventory(carol);
        assertThat(subjects(seenByCarol, c -> true)).contains("ca.org1", "admin@org1", node1, "carol")
                .doesNotContain("dave", "client@org1");
        // and the same through the per-organisation list with the PEMs (which listed every user before)
        List<String> org1AsCarolSees = new ArrayList<>();
        carol.get("/api/v1/consortia/" + consortium + "/organizations/" + org1 + "/certificates").json()
                .forEach(k -> org1AsCarolSees.add(k.get("purpose").asText() + " " + k.get("subject").asText()));
        assertThat(org1AsCarolSees).contains("CA_ROOT ca.org1", "ADMIN admin@org1", "NODE " + node1)
                .noneMatch(k -> k.startsWith("USER") || k.startsWith("CLIENT_TLS"));
        // each names the certificate it serves: on ECDSA the TLS root is the CA root, not a "tlsca.org1"
        assertThat(carol.get("/api/v1/consortia/" + consortium + "/organizations/" + org1 + "/certificates").json())
                .allSatisfy(k -> assertThat(io.consortia.crypto.Certificates.commonName(
                        Pem.readCertificate(k.get("certificatePem").asText()))).as(k.get("purpose").asText())
                        .isEqualTo(k.get("subject").asText()));
        assertThat(org1AsCarolSees).contains("TLS_ROOT ca.org1");
        List<String> org2AsAliceSees = new ArrayList<>();
        alice.get("/api/v1/consortia/" + consortium + "/organizations/" + org2 + "/certificates").json()
                .forEach(k -> org2AsAliceSees.add(k.get("purpose").asText() + " " + k.get("subject").asText()));
        assertThat(org2AsAliceSees).as("the leader's view").contains("USER carol", "CLIENT_TLS client@org2");
    }

    @Test
    @Order(2)
    void bad_requests_are_refused_with_a_problem_and_change_nothing() {
        String before = inventory(alice).toString();
        String carolSerial = serialOf(inventory(bob), "USER", "carol");
        String root = serialOf(inventory(bob), "CA_ROOT", "ca.org2");
        String base = "/api/v1/consortia/" + consortium + "/certificates/";

        assertProblem(bob.post(base + carolSerial + "/renew", Json.of("validityDays", 0)), 400, "validityDays");
        assertProblem(bob.post(base + carolSerial + "/renew", Json.of("validityDays", 826)), 400, "validityDays");
        assertProblem(bob.post(base + "not-hex/renew", "{}"), 400, "serial");
        assertProblem(bob.post(base + "abcdef0123/renew", "{}"), 404, "abcdef0123");
        assertProblem(bob.post(base + root + "/renew", "{}"), 409, "CA root");
        assertProblem(bob.post(base + carolSerial + "/revoke", "{}"), 400, "reason");
        assertProblem(bob.post(base + carolSerial + "/revoke", Json.of("reason", "bad\u0000reason")), 400, "reason");
        assertProblem(bob.post(base + "renew-expiring", Json.of("withinDays", 0)), 400, "withinDays");
        assertProblem(bob.post(base + "renew-expiring", "{}"), 409, "expires within 30 days");
        // An admin of another organisation may not touch org2's, a member may not touch any.
        String org2Admin = serialOf(inventory(alice), "ADMIN", "admin@org2");
        assertProblem(carol.post(base + org2Admin + "/renew", "{}"), 403, "admin");
        String org1Node = serialOf(inventory(alice), "NODE", "c" + consortium + "-org1-0");
        assertProblem(bob.post(base + org1Node + "/revoke", Json.of("reason", "not mine")), 403, "admin");
        // Revoking is the organisation's own decision: the leader may not revoke org2's certificates (putting the
        // revocation on chain would have org2's admin key sign), nor put org2's revocations on chain, nor shorten
        // org2's certificates; it may renew them for the default validity only.
        String who = "Only an admin of organisation " + org2 + " or a platform admin may revoke its certificates";
        for (String[] certificate : new String[][] {{"USER", "carol"}, {"ADMIN", "admin@org2"},
                {"CLIENT_TLS", "client@org2"}, {"NODE", "c" + consortium + "-org2-0"}}) {
            String serial = serialOf(inventory(alice), certificate[0], certificate[1]);
            assertProblem(alice.post(base + serial + "/revoke", Json.of("reason", "leader decided")), 403, who);
        }
        assertProblem(alice.post(base + "revocations/" + org2 + "/publish", ""), 403, who);
        String org2Tls = serialOf(inventory(alice), "CLIENT_TLS", "client@org2");
        assertProblem(alice.post(base + org2Tls + "/renew", Json.of("validityDays", 1)), 403,
                "may not for org2 (organisation " + org2 + "); leave validityDays out");
        // Users of other organisations are invisible, so not found either.
        String daveSerial = serialOf(inventory(alice), "USER", "dave");
        assertProblem(bob.post(base + daveSerial + "/renew", "{}"), 404, daveSerial);

        assertThat(inventory(alice).toString()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void renewing_all_expiring_within_30_days_renews_exactly_those_and_the_old_ones_overlap() {
        String base = "/api/v1/consortia/" + consortium + "/certificates/";
        // Two certificates renewed to a short life become EXPIRING.
        String carolOld = serialOf(inventory(bob), "USER", "carol");
        String adminOld = serialOf(inventory(bob), "ADMIN", "admin@org2");
        JsonNode shortCarol = succeeded(bob, bob.post(base + carolOld + "/renew", Json.of("validityDays", 10)));
        assertThat(shortCarol.get("action").asText()).isEqualTo("RENEW_CERTS");
        succeeded(bob, bob.post(base + adminOld + "/renew", Json.of("validityDays", 20)));

        JsonNode before = inventory(alice);
        assertThat(subjects(before, c -> "EXPIRING".equals(c.get("status").asText())))
                .containsExactlyInAnyOrder("carol", "admin@org2");
        assertThat(subjects(before, c -> "SUPERSEDED".equals(c.get("status").asText())))
                .containsExactlyInAnyOrder("carol", "admin@org2");
        JsonNode carolShort = entry(before, "USER", "carol", true);
        assertThat(carolShort.get("daysLeft").asLong()).isBetween(9L, 10L);
        notarize(carol, "carol with a short certificate"); // the renewed certificate is accepted by the nodes

        Map<String, String> inUseBefore = inUseSerials(before);
        JsonNode renewed = succeeded(alice, alice.post(base + "renew-expiring", "{}"));
        List<String> steps = new ArrayList<>();
        renewed.get("steps").forEach(s -> steps.add(s.get("name").asText()));
        assertThat(steps).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("Renew "))
                .anySatisfy(s -> assertThat(s).contains("USER certificate of carol"))
                .anySatisfy(s -> assertThat(s).contains("ADMIN certificate of admin@org2"));

        JsonNode after = inventory(alice);
        Map<String, String> inUseAfter = inUseSerials(after);
        inUseBefore.forEach((identity, serial) -> {
            if (identity.equals("USER carol") || identity.equals("ADMIN admin@org2")) {
                assertThat(inUseAfter.get(identity)).as(identity).isNotEqualTo(serial);
            } else {
                assertThat(inUseAfter.get(identity)).as(identity).isEqualTo(serial);
            }
        });
        assertThat(after).filteredOn(c -> c.get("inUse").asBoolean())
                .allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("VALID"));
        // Every replaced certificate is kept, SUPERSEDED and still valid, naming its successor.
        assertThat(after).filteredOn(c -> !c.get("inUse").asBoolean()).hasSize(4)
                .allSatisfy(c -> {
                    assertThat(c.get("status").asText()).isEqualTo("SUPERSEDED");
                    assertThat(c.get("replacedBy").asText()).isNotBlank();
                    assertThat(c.get("daysLeft").asLong()).isGreaterThanOrEqualTo(9);
                });
        List<String> carolsRetired = new ArrayList<>();
        after.forEach(c -> {
            if ("carol".equals(c.get("subject").asText()) && !c.get("inUse").asBoolean()) {
                carolsRetired.add(c.get("serial").asText());
            }
        });
        assertThat(carolsRetired).containsExactlyInAnyOrder(carolOld, carolShort.get("serial").asText());
        assertThat(entry(after, "USER", "carol", true).get("serial").asText())
                .isNotIn(carolOld, carolShort.get("serial").asText());
        // The admin identity signs with its renewal now, and carol keeps transacting.
        notarize(carol, "carol after the renewal");
        notarize(bob, "bob after the renewal");
        JsonNode history = alice.get("/api/v1/consortia/" + consortium + "/history").json();
        assertThat(history).filteredOn(e -> "CERTIFICATE_RENEWED".equals(e.get("event").asText())).hasSize(4);
    }

    @Test
    @Order(4)
    void a_revoked_user_certificate_is_recorded_and_never_used_again() {
        String base = "/api/v1/consortia/" + consortium + "/certificates/";
        String carolSerial = serialOf(inventory(bob), "USER", "carol");
        Api.Response revoked = bob.post(base + carolSerial + "/revoke", Json.of("reason", "key compromise"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(202);
        JsonNode operation = Waits.deployment(bob, revoked.json().get("id").asLong());
        assertThat(operation.get("action").asText()).isEqualTo("REVOKE_CERT");
        assertThat(operation.get("steps").get(0).get("name").asText()).contains("USER certificate of carol");
        assertThat(operation.get("steps").get(0).get("status").asText()).isEqualTo("DONE");
        // ... and it is on chain: every channel of org2 (main) lists it in a committed configuration change.
        assertThat(operation.get("status").asText()).as(operation.toString()).isEqualTo("SUCCEEDED");
        assertThat(operation.get("steps").findValuesAsText("name"))
                .anySatisfy(name -> assertThat(name).startsWith("Commit list 1 revoked certificate(s) of org2"));

        JsonNode inventory = inventory(bob);
        JsonNode record = inventory.findParents("serial").stream()
                .filter(c -> carolSerial.equals(c.get("serial").asText())).findFirst().orElseThrow();
        assertThat(record.get("status").asText()).isEqualTo("REVOKED");
        assertThat(record.get("revocationReason").asText()).isEqualTo("key compromise");
        assertThat(record.get("revokedBy").asText()).isEqualTo("bob");
        assertProblem(bob.post(base + carolSerial + "/revoke", Json.of("reason", "again")), 409, "already revoked");
        assertProblem(bob.post(base + carolSerial + "/renew", "{}"), 409, "REVOKED");

        // Carol's next call gets a new certificate: the revoked one is never used again.
        notarize(carol, "carol after her revocation");
        String carolNow = serialOf(inventory(bob), "USER", "carol");
        assertThat(carolNow).isNotEqualTo(carolSerial);
    }

    @Test
    @Order(5)
    void removing_a_user_revokes_their_certificates() {
        String daveSerial = serialOf(inventory(alice), "USER", "dave");
        assertProblem(alice.delete("/api/v1/users/alice"), 409, "yourself");
        assertProblem(alice.delete("/api/v1/users/nobody"), 404, "nobody");
        // another organisation's user is, to bob, a name no one has
        assertProblem(bob.delete("/api/v1/users/dave"), 404, "User dave does not exist");
        assertThat(serialOf(inventory(alice), "USER", "dave")).isEqualTo(daveSerial);

        Api.Response removed = alice.delete("/api/v1/users/dave");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(platform.api().post("/api/v1/auth/login", Json.of("username", "dave",
                "password", Fixtures.password("dave"))).status()).isEqualTo(401);
        JsonNode record = inventory(alice).findParents("serial").stream()
                .filter(c -> daveSerial.equals(c.get("serial").asText())).findFirst().orElseThrow();
        assertThat(record.get("status").asText()).isEqualTo("REVOKED");
        assertThat(record.get("revocationReason").asText()).isEqualTo("cessationOfOperation: user dave removed");
        assertThat(inventory(alice)).filteredOn(c -> "dave".equals(c.get("subject").asText()))
                .allSatisfy(c -> assertThat(c.get("inUse").asBoolean()).isFalse());
        JsonNode history = alice.get("/api/v1/consortia/" + consortium + "/history").json();
        assertThat(history).filteredOn(e -> "CERTIFICATE_REVOKED".equals(e.get("event").asText())).hasSize(2)
                .anySatisfy(e -> assertThat(e.get("detail").asText()).isEqualTo("USER dave, serial " + daveSerial
                        + ": user removed"));
        // Then an operation puts the revocation on chain (dave's organisation's list).
        JsonNode publish = await("the removal's on-chain operation").atMost(Waits.DEPLOY_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> latest(alice, "PUBLISH_CRL"), d -> d != null && !"RUNNING".equals(d.get("status").asText()));
        assertThat(publish.get("status").asText()).as(publish.toString()).isEqualTo("SUCCEEDED");
        assertThat(publish.get("steps").get(0).get("name").asText()).contains("removed user dave");
    }

    private JsonNode latest(Api user, String action) {
        for (JsonNode d : user.get("/api/v1/consortia/" + consortium + "/deployments").json()) {
            if (action.equals(d.get("action").asText())) {
                return user.get("/api/v1/deployments/" + d.get("id").asLong()).json();
            }
        }
        return null;
    }

    @Test
    @Order(6)
    void a_node_certificate_renewal_writes_the_new_files_where_the_node_reads_them() throws Exception {
        String nodeId = "c" + consortium + "-org1-0";
        String base = "/api/v1/consortia/" + consortium + "/certificates/";
        String signingOld = serialOf(inventory(alice), "NODE", nodeId);
        String tlsOld = serialOf(inventory(alice), "NODE_TLS", nodeId);
        Api.Response renewing = alice.post(base + tlsOld + "/renew", "{}");
        assertThat(renewing.status()).as(renewing.toString()).isEqualTo(202);
        JsonNode operation = Waits.deployment(alice, renewing.json().get("id").asLong());
        List<String> steps = new ArrayList<>();
        operation.get("steps").forEach(s -> steps.add(s.get("name").asText() + ":" + s.get("status").asText()));
        assertThat(steps).startsWith("Renew NODE_TLS certificate of " + nodeId + " (org1, serial " + tlsOld + "):DONE",
                "Write new certificates of " + nodeId + ":DONE");

        String tlsNew = serialOf(inventory(alice), "NODE_TLS", nodeId);
        assertThat(tlsNew).isNotEqualTo(tlsOld);
        assertThat(serialOf(inventory(alice), "NODE", nodeId)).isEqualTo(signingOld);
        Path directory = Path.of(platform.bean(Nodes.class).byNodeId(nodeId).orElseThrow().directory());
        X509Certificate written = Pem.readCertificate(Files.readString(directory.resolve("tls.pem")));
        assertThat(written.getSerialNumber().toString(16)).isEqualTo(tlsNew);
        assertThat(Pem.readCertificate(Files.readString(directory.resolve("node.pem"))).getSerialNumber().toString(16))
                .isEqualTo(signingOld);
        assertThat(Files.readString(directory.resolve("tls.key"))).contains("PRIVATE KEY");
    }

    @Test
    @Order(7)
    void the_console_lists_the_certificates_with_their_actions_in_english_and_chinese() {
        String page = "/console/consortia/" + consortium + "/certificates";
        Api.Response english = alice.get(page + "?lang=en");
        assertThat(english.status()).as(english.toString()).isEqualTo(200);
        assertThat(english.body()).contains("id=\"certificates-table\"", "Renew all expiring within 30 days",
                "Node signing", "Superseded", "Revoked", "cessationOfOperation: user dave removed",
                "data-serial=\"" + serialOf(inventory(alice), "ADMIN", "admin@org1") + "\"");
        Api.Response chinese = alice.get(page + "?lang=zh-CN");
        assertThat(chinese.status()).isEqualTo(200);
        assertThat(chinese.body()).contains("续期 30 天内到期的全部证书", "节点签名", "已吊销");
        // A member without an admin role sees the list but no action.
        Api.Response member = carol.get(page + "?lang=en");
        assertThat(member.status()).isEqualTo(200);
        assertThat(member.body()).contains("certificates-table").doesNotContain("class=\"renew-certificate\"",
                "id=\"renew-expiring\"");
    }

    @Test
    @Order(8)
    void node_signing_and_tls_certificates_renewed_under_load_with_zero_failed_client_calls() throws Exception {
        String base = "/api/v1/consortia/" + consortium + "/certificates/";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger succeeded = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService load = Executors.newFixedThreadPool(2);
        // alice's calls go to org1's node first, bob's to org2's: both nodes serve clients throughout.
        for (Api client : List.of(alice, bob)) {
            load.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String hash = Hashes.hex(Hashes.sha256().digest((client.hashCode() + " load " + i).getBytes()));
                    Api.Response response = client.post("/api/v1/consortia/" + consortium
                            + "/channels/main/notarizations", Json.of("documentHash", hash));
                    if (response.status() == 201) {
                        succeeded.incrementAndGet();
                    } else {
                        failures.add(response.toString());
                    }
                }
            });
        }
        try {
            await("load runs").atMost(Duration.ofMinutes(1)).until(() -> succeeded.get() >= 6);
            for (String nodeId : List.of("c" + consortium + "-org1-0", "c" + consortium + "-org2-0")) {
                for (String role : List.of("NODE", "NODE_TLS")) {
                    String old = serialOf(inventory(alice), role, nodeId);
                    JsonNode renewed = succeeded(alice, alice.post(base + old + "/renew", "{}"));
                    String fresh = serialOf(inventory(alice), role, nodeId);
                    assertThat(fresh).isNotEqualTo(old);
                    JsonNode reload = renewed.get("steps").findParents("name").stream()
                            .filter(step -> step.get("name").asText().equals("Reload certificates on " + nodeId))
                            .findFirst().orElseThrow();
                    assertThat(reload.get("status").asText()).isEqualTo("DONE");
                    assertThat(reload.get("detail").asText()).contains(fresh); // what the node itself reports
                    int before = succeeded.get();
                    await("calls after renewing " + role + " of " + nodeId).atMost(Duration.ofMinutes(1))
                            .until(() -> succeeded.get() >= before + 4);
                }
            }
        } finally {
            stop.set(true);
            load.shutdown();
            assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(failures).as("failed client calls").isEmpty();
        assertThat(inventory(alice)).filteredOn(c -> c.get("role").asText().startsWith("NODE")
                && !c.get("inUse").asBoolean() && c.get("status").asText().equals("SUPERSEDED")).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(9)
    void a_revoked_user_certificate_is_refused_at_once_with_its_code_while_others_succeed() {
        Api erin = Fixtures.member(bob, org2, "erin", "MEMBER");
        notarize(erin, "erin's first");
        // What a thief of erin's key would hold: her custodial identity as it is now.
        Identity stolen = platform.bean(CustodyService.class).userIdentity(consortium, org2, "erin");
        String serial = stolen.certificate().getSerialNumber().toString(16);
        assertThat(serialOf(inventory(bob), "USER", "erin")).isEqualTo(serial);
        List<NodeRecord> nodes = platform.bean(Nodes.class).ofConsortium(consortium);
        try (Gateway thief = platform.bean(NetworkClients.class).gateway(consortium, org2, stolen, nodes)) {
            thief.channel("main").contract("notarization").submit("record", hex("before the theft"), "");

            succeeded(bob, bob.post("/api/v1/consortia/" + consortium + "/certificates/" + serial + "/revoke",
                    Json.of("reason", "laptop stolen")));

            assertThatThrownBy(() -> thief.channel("main").contract("notarization")
                    .submit("record", hex("after the theft"), ""))
                    .satisfies(e -> assertThat(codeOf(e)).as(e.toString()).isEqualTo(ValidationCode.CERTIFICATE_REVOKED));
        }
        notarize(bob, "bob after erin's revocation");
        notarize(alice, "alice after erin's revocation");
        notarize(erin, "erin with her new certificate");
        assertThat(serialOf(inventory(bob), "USER", "erin")).isNotEqualTo(serial);
    }

    @Test
    @Order(10)
    void a_deleted_node_s_certificates_are_revoked_on_chain_and_stay_in_the_inventory() throws Exception {
        String base = "/api/v1/consortia/" + consortium + "/certificates/";
        JsonNode added = succeeded(alice, alice.post("/api/v1/consortia/" + consortium + "/organizations/" + org1
                + "/nodes", ""));
        assertThat(added.get("action").asText()).isEqualTo("ADD_NODE");
        String nodeId = "c" + consortium + "-org1-1";
        // What a thief copies from the node's directory: its TLS certificate and key, before and after a renewal
        // (the renewed-away one stays valid in its overlap).
        Path directory = Path.of(platform.bean(Nodes.class).byNodeId(nodeId).orElseThrow().directory());
        Copied before = Copied.of(directory);
        succeeded(alice, alice.post(base + serialOf(inventory(alice), "NODE_TLS", nodeId) + "/renew", "{}"));
        Copied current = Copied.of(directory);
        String signing = serialOf(inventory(alice), "NODE", nodeId);
        NodeRecord survivor = platform.bean(Nodes.class).byNodeId("c" + consortium + "-org2-0").orElseThrow();
        List<X509Certificate> roots = platform.bean(CustodyService.class).tlsRoots(consortium);
        assertThat(chainHeight(survivor, current, roots)).as("the copy connects while the node exists").isPositive();
        assertThat(chainHeight(survivor, before, roots)).as("so does the superseded one").isPositive();

        Api.Response deleting = alice.delete("/api/v1/nodes/" + nodeId);
        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(202);
        JsonNode removed = Waits.deployment(alice, deleting.json().get("id").asLong());
        assertThat(removed.get("status").asText()).as(removed.toString()).isEqualTo("SUCCEEDED");
        List<String> steps = new ArrayList<>();
        removed.get("steps").forEach(st -> steps.add(st.get("name").asText() + ":" + st.get("status").asText()));
        assertThat(steps).containsSubsequence("Stop " + nodeId + ":DONE",
                "Revoke the certificates of " + nodeId + ":DONE", "Remove " + nodeId + ":DONE");
        assertThat(steps).anySatisfy(st -> assertThat(st).startsWith("Commit list ").contains("revoked certificate(s) "
                + "of org1").endsWith(":DONE"));

        // Still in the inventory, REVOKED with who, when and why; the signing one too.
        JsonNode inventory = inventory(alice);
        for (String serial : List.of(signing, current.serial(), before.serial())) {
            JsonNode record = inventory.findParents("serial").stream()
                    .filter(c -> serial.equals(c.get("serial").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError(serial + " vanished from " + inventory));
            assertThat(record.get("subject").asText()).isEqualTo(nodeId);
            assertThat(record.get("status").asText()).isEqualTo("REVOKED");
            assertThat(record.get("inUse").asBoolean()).isFalse();
            assertThat(record.get("revokedBy").asText()).isEqualTo("alice");
            assertThat(record.get("revocationReason").asText()).isEqualTo("cessationOfOperation: node deleted");
            assertThat(record.get("revokedAt").asLong()).isPositive();
            assertProblem(alice.post(base + serial + "/revoke", Json.of("reason", "again")), 409, "already revoked");
        }
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/history").json())
                .extracting(e -> e.get("event").asText() + " " + e.get("detail").asText())
                .contains("CERTIFICATE_REVOKED NODE_TLS " + nodeId + ", serial " + current.serial()
                        + ": cessationOfOperation: node deleted");

        // The channel's nodes refuse the copied keys in the handshake, saying why.
        for (Copied copy : List.of(current, before)) {
            await("the copy of " + copy.serial() + " refused").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(250)).until(() -> refusal(survivor, copy, roots) != null);
            assertThat(refusal(survivor, copy, roots)).containsIgnoringCase("CERTIFICATE_REVOKED");
        }
        notarize(alice, "alice after her node was deleted");
    }

    /** A node's TLS certificate and key as copied from its directory. */
    private record Copied(X509Certificate certificate, java.security.PrivateKey key) {
        static Copied of(Path directory) throws java.io.IOException {
            return new Copied(Pem.readCertificate(Files.readString(directory.resolve("tls.pem"))),
                    Pem.readPrivateKey(Files.readString(directory.resolve("tls.key"))));
        }

        String serial() {
            return certificate.getSerialNumber().toString(16);
        }
    }

    private static long chainHeight(NodeRecord node, Copied as, List<X509Certificate> roots) throws Exception {
        io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                .forAddress(node.host(), node.apiPort())
                .sslContext(io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forClient()
                        .keyManager(as.key(), as.certificate())
                        .trustManager(roots.toArray(X509Certificate[]::new)).build())
                .build();
        try {
            return io.consortia.protocol.v1.LedgerServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .getChainInfo(io.consortia.protocol.v1.ChainInfoRequest.newBuilder().setChannel("main").build())
                    .getHeight();
        } finally {
            channel.shutdownNow();
        }
    }

    /** Why the node refused the handshake (the causes' messages), or null when it did not. */
    private static String refusal(NodeRecord node, Copied as, List<X509Certificate> roots) throws Exception {
        try {
            chainHeight(node, as, roots);
            return null;
        } catch (io.grpc.StatusRuntimeException e) {
            if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE) {
                throw e;
            }
            StringBuilder causes = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                causes.append(t).append('\n');
            }
            return causes.toString();
        }
    }

    private static ValidationCode codeOf(Throwable e) {
        if (e instanceof SubmitException submit) {
            return submit.code();
        }
        if (e instanceof CommitException commit) {
            return commit.code();
        }
        throw new AssertionError("Not refused with a validation code", e);
    }

    private static String hex(String document) {
        return Hashes.hex(Hashes.sha256().digest(document.getBytes()));
    }

    private void notarize(Api user, String document) {
        String hash = Hashes.hex(Hashes.sha256().digest(document.getBytes()));
        Api.Response response = user.post("/api/v1/consortia/" + consortium + "/channels/main/notarizations",
                Json.of("documentHash", hash));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private JsonNode inventory(Api user) {
        Api.Response response = user.get("/api/v1/consortia/" + consortium + "/certificates");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode succeeded(Api user, Api.Response started) {
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode finished = Waits.deployment(user, started.json().get("id").asLong());
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        return finished;
    }

    private static void assertProblem(Api.Response response, int status, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains(detail);
    }

    private static List<String> subjects(JsonNode certificates, Predicate<JsonNode> which) {
        List<String> subjects = new ArrayList<>();
        certificates.forEach(c -> {
            if (which.test(c)) {
                subjects.add(c.get("subject").asText());
            }
        });
        return subjects;
    }

    private static JsonNode entry(JsonNode certificates, String role, String subject, boolean inUse) {
        for (JsonNode c : certificates) {
            if (role.equals(c.get("role").asText()) && subject.equals(c.get("subject").asText())
                    && c.get("inUse").asBoolean() == inUse) {
                return c;
            }
        }
        throw new AssertionError("No " + (inUse ? "" : "retired ") + role + " " + subject + " in " + certificates);
    }

    private static String serialOf(JsonNode certificates, String role, String subject) {
        return entry(certificates, role, subject, true).get("serial").asText();
    }

    private static Map<String, String> inUseSerials(JsonNode certificates) {
        Map<String, String> serials = new HashMap<>();
        certificates.forEach(c -> {
            if (c.get("inUse").asBoolean()) {
                serials.put(c.get("role").asText() + " " + c.get("subject").asText(), c.get("serial").asText());
            }
        });
        return serials;
    }
}
