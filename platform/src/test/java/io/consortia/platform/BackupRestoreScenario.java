package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import io.consortia.platform.backup.RestoreMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A platform with a deployed consortium, its nodes, two channels and an indexed transaction is
 * backed up through the API (and one node too); the backup is restored by {@code ./consortia
 * restore}'s command into a fresh data directory and an empty database; a platform started on
 * it shows every consortium, node, channel and indexed transaction. A wrong master key is
 * refused and leaves the target empty.
 */
abstract class BackupRestoreScenario {
    @TempDir
    Path dir;

    abstract TestDatabase database();

    @Test
    void a_platform_restored_into_a_fresh_data_directory_shows_everything() throws Exception {
        try (PlatformRunner original = new PlatformRunner(database()).start()) {
            Api admin = original.admin();
            long org1 = Fixtures.organization(admin, "org1");
            long org2 = Fixtures.organization(admin, "org2");
            Api alice = Fixtures.member(admin, org1, "alice", "ADMIN");
            Api bob = Fixtures.member(admin, org2, "bob", "ADMIN");
            long consortium = Fixtures.consortium(alice, "Backup Alliance");
            alice.post("/api/v1/consortia/" + consortium + "/invitations", Json.of("organizationId", org2));
            long invitation = bob.get("/api/v1/invitations").json().get(0).get("id").asLong();
            assertThat(bob.post("/api/v1/invitations/" + invitation + "/accept", "").status()).isEqualTo(200);
            Api.Response deploy = alice.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
            assertThat(Waits.deployment(alice, deploy.json().get("id").asLong()).get("status").asText())
                    .isEqualTo("SUCCEEDED");
            assertThat(alice.post("/api/v1/consortia/" + consortium + "/channels",
                    Json.of("name", "trade", "organizationIds", List.of(org1, org2))).status()).isEqualTo(201);
            // a channel of org2 alone: the leader (org1) may not read it, nor, so, a backup that holds its ledger
            assertThat(alice.post("/api/v1/consortia/" + consortium + "/channels",
                    Json.of("name", "private", "organizationIds", List.of(org2))).status()).isEqualTo(201);
            Api.Response notarized = bob.post("/api/v1/consortia/" + consortium + "/channels/trade/notarizations",
                    Json.of("documentHash", Hashes.hex(Hashes.sha256().digest("backup.pdf".getBytes())),
                            "metadata", "before the backup"));
            assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
            String transactionId = notarized.json().get("transactionId").asText();
            Waits.searchHit(alice, consortium, transactionId);

            // a node backup, as a deployment with its steps
            String node = "c" + consortium + "-org2-0";
            Api.Response nodeBackup = bob.post("/api/v1/nodes/" + node + "/backups", "");
            assertThat(nodeBackup.status()).as(nodeBackup.toString()).isEqualTo(202);
            JsonNode done = Waits.deployment(bob, nodeBackup.json().get("id").asLong());
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("action").asText()).isEqualTo("BACKUP_NODE");
            List<String> steps = new ArrayList<>();
            done.get("steps").forEach(s -> steps.add(s.get("name").asText() + ":" + s.get("status").asText()));
            assertThat(steps).containsExactly("Take a backup of " + node + ":DONE", "Check the archive:DONE",
                    "Record the backup:DONE");
            JsonNode backups = bob.get("/api/v1/consortia/" + consortium + "/backups").json();
            assertThat(backups).hasSize(1);
            assertThat(backups.get(0).get("sha256").asText()).hasSize(64);
            assertThat(backups.get(0).get("channels").toString()).contains("\"main\"").contains("\"trade\"");
            assertThat(alice.post("/api/v1/platform/backups", Json.of("note", "not mine")).status()).isEqualTo(403);
            String download = "/api/v1/backups/" + backups.get(0).get("id").asLong() + "/archive";
            Api.Response leaderDownload = alice.get(download);
            assertThat(leaderDownload.status()).as(leaderDownload.toString()).isEqualTo(403);
            assertThat(leaderDownload.json().get("detail").asText()).contains("private")
                    .contains("only an admin of the node's organisation may download it");
            assertThat(bob.get(download).status()).isEqualTo(200);

            // the chain moves on; the node is restored from its backup and catches up
            assertThat(bob.post("/api/v1/consortia/" + consortium + "/channels/trade/notarizations",
                    Json.of("documentHash", Hashes.hex(Hashes.sha256().digest("after.pdf".getBytes())),
                            "metadata", "after the node backup")).status()).isEqualTo(201);
            Api.Response badRestore = bob.post("/api/v1/nodes/" + node + "/restore", Json.of("backupId", 999_999));
            assertThat(badRestore.status()).as(badRestore.toString()).isEqualTo(404); // no such backup
            assertThat(badRestore.contentType()).contains("application/problem+json");
            Api.Response restoring = bob.post("/api/v1/nodes/" + node + "/restore",
                    Json.of("backupId", backups.get(0).get("id").asLong()));
            assertThat(restoring.status()).as(restoring.toString()).isEqualTo(202);
            JsonNode restoredNode = Waits.deployment(bob, restoring.json().get("id").asLong());
            assertThat(restoredNode.get("status").asText()).as(restoredNode.toString()).isEqualTo("SUCCEEDED");
            List<String> restoreSteps = new ArrayList<>();
            restoredNode.get("steps").forEach(s -> restoreSteps.add(s.get("name").asText()));
            assertThat(restoreSteps).containsExactly("Stop " + node, "Restore " + node + " from backup "
                    + backups.get(0).get("id").asLong(), "Start " + node, "Wait for " + node + " to serve",
                    "Wait for " + node + " to catch up");

            // the platform backup
            assertThat(admin.post("/api/v1/platform/backups", "{}").status()).isEqualTo(400); // no note
            Api.Response taken = admin.post("/api/v1/platform/backups", Json.of("note", "before the move"));
            assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
            String name = taken.json().get("name").asText();
            Path archive = original.dataDir().resolve("backups/platform").resolve(name);
            assertThat(archive).exists();
            assertThat(permissions(archive)).as("created owner-only").isEqualTo("rw-------");
            assertThat(permissions(archive.resolveSibling(name + ".sha256"))).isEqualTo("rw-------");
            assertThat(taken.json().get("sha256").asText()).isEqualTo(
                    Files.readString(archive.resolveSibling(name + ".sha256")).split("\\s+")[0]);
            assertThat(Hashes.hex(Hashes.sha256().digest(Files.readAllBytes(archive))))
                    .isEqualTo(taken.json().get("sha256").asText());
            assertThat(new String(readAll(archive))).doesNotContain(Files.readString(
                    original.dataDir().resolve("master.key")).strip());
            Path copy = Files.copy(archive, dir.resolve(name));
            Files.copy(archive.resolveSibling(name + ".sha256"), dir.resolve(name + ".sha256"));
            Path masterKey = Files.copy(original.dataDir().resolve("master.key"), dir.resolve("kept-apart.key"));
            original.stop(); // the platform is gone; its node processes run on

            Map<String, Object> database = database().properties(dir.resolve("restored"));
            Path restored = dir.resolve("restored");
            String url = (String) database.get("spring.datasource.url");
            String user = (String) database.get("spring.datasource.username");

            // a wrong master key: refused, nothing written
            byte[] wrong = new byte[32];
            new SecureRandom().nextBytes(wrong);
            Path wrongKey = Files.writeString(dir.resolve("wrong.key"), Base64.getEncoder().encodeToString(wrong));
            assertThat(restore(copy, wrongKey, restored, url, user)).isEqualTo(2);
            assertThat(!Files.exists(restored) || isEmpty(restored)).isTrue();
            // a non-empty data directory: refused
            Path occupied = Files.createDirectories(dir.resolve("occupied"));
            Files.writeString(occupied.resolve("something"), "x");
            assertThat(restore(copy, masterKey, occupied, url, user)).isEqualTo(2);

            assertThat(restore(copy, masterKey, restored, url, user)).isZero();
            assertThat(restored.resolve("master.key")).exists();
            try (var files = Files.walk(restored)) { // password hashes and sealed keys, before any platform starts
                assertThat(files.toList()).contains(restored.resolve("master.key"))
                        .allSatisfy(p -> assertThat(permissions(p)).as(p.toString())
                                .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
            }

            try (PlatformRunner again = new PlatformRunner(TestDatabase.H2)) {
                again.with("consortia.data-dir", restored.toString());
                database.forEach(again::with);
                again.start();
                Api admin2 = again.admin(); // the restored users, with their passwords
                Api alice2 = again.api().login("alice", Fixtures.password("alice"));
                assertThat(admin2.get("/api/v1/consortia").json().toString()).contains("Backup Alliance");
                assertThat(alice2.get("/api/v1/consortia/" + consortium + "/nodes").json())
                        .extracting(n -> n.get("nodeId").asText())
                        .containsExactlyInAnyOrder("c" + consortium + "-org1-0", "c" + consortium + "-org2-0");
                assertThat(alice2.get("/api/v1/consortia/" + consortium + "/channels").json())
                        .extracting(c -> c.get("name").asText()).containsExactly("main", "trade", "private");
                JsonNode hit = Waits.searchHit(alice2, consortium, transactionId);
                assertThat(hit.get("kind").asText()).isEqualTo("TRANSACTION");
                assertThat(alice2.get("/api/v1/consortia/" + consortium + "/backups").json()).hasSize(1);
                assertThat(alice2.get("/api/v1/consortia/" + consortium + "/deployments").json())
                        .extracting(d -> d.get("action").asText()).contains("DEPLOY", "BACKUP_NODE");
            }
        }
    }

    private static byte[] readAll(Path gz) throws Exception {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static String permissions(Path path) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }

    private static int restore(Path archive, Path masterKey, Path data, String url, String user) {
        return new CommandLine(new RestoreMain()).execute("--from", archive.toString(), "--master-key",
                masterKey.toString(), "--data", data.toString(), "--db-url", url, "--db-user", user);
    }
}
