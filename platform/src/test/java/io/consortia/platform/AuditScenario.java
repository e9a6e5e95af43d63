package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail through the REST API: changes (also refused ones) and gateway calls are
 * recorded with who, organisation, route, target, address and status, never passwords; search,
 * CSV and JSON export under the visibility rules; an SQL edit and an SQL delete are each found
 * by the verify walk, naming the first bad record; and the chain's head is notarized on a real
 * local network's channel, on schedule and on demand, and found there with a verified proof.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
abstract class AuditScenario {
    private PlatformRunner platform;
    private Api admin;
    private Api auditor;
    private Api aAdmin;
    private Api aMember;
    private Api bAdmin;
    private long orgA;
    private long orgB;
    private long consortium;
    /** The records deleted from the end (order 12), to be put back (order 14). */
    private List<Map<String, Object>> deleted = List.of();

    abstract TestDatabase database();

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(database()).start();
        admin = platform.admin();
        orgA = Fixtures.organization(admin, "audit-a");
        orgB = Fixtures.organization(admin, "audit-b");
        aAdmin = Fixtures.member(admin, orgA, "a-admin", "ADMIN");
        aMember = Fixtures.member(aAdmin, orgA, "a-member", "MEMBER");
        bAdmin = Fixtures.member(admin, orgB, "b-admin", "ADMIN");
        auditor = Fixtures.auditor(admin, "auditor");
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void changes_and_refusals_are_recorded_with_who_what_target_where_and_result_but_never_passwords() {
        Api.Response refused = aMember.post("/api/v1/organizations", Json.of("name", "sneaky", "displayName", "S"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(platform.api().post("/api/v1/auth/login", Json.of("username", "a-admin",
                "password", "wrong-password-123")).status()).isEqualTo(401);
        consortium = Fixtures.consortium(aAdmin, "Audit Alliance");
        // a request is recorded once it is answered: its record may land a moment after the answer
        eventually(auditor, "/api/v1/audit/records?action=POST%20/api/v1/consortia&actor=a-admin", r -> r.size() == 1);
        // refused by the read-only gate before any controller: recorded by its route, as every other request
        assertThat(auditor.post("/api/v1/consortia/" + consortium + "/channels", Json.of("name", "sneaky")).status())
                .isEqualTo(403);
        JsonNode gated = eventually(auditor, "/api/v1/audit/records?actor=auditor&status=403", r -> r.size() == 1);
        assertThat(gated.get(0).get("action").asText()).isEqualTo("POST /api/v1/consortia/{id}/channels");
        assertThat(gated.get(0).get("target").asText()).isEqualTo("id=" + consortium);

        JsonNode created = only(auditor, "/api/v1/audit/records?action=/api/v1/organizations/%7BorganizationId%7D/members"
                + "&actor=admin");
        assertThat(created).as(auditor.get("/api/v1/audit/records?limit=30").body()).extracting(r -> r.get("target").asText())
                .containsExactlyInAnyOrder("organizationId=" + orgA, "organizationId=" + orgB);
        assertThat(created).allSatisfy(r -> {
            assertThat(r.get("action").asText()).isEqualTo("POST /api/v1/organizations/{organizationId}/members");
            assertThat(r.get("status").asInt()).isEqualTo(201);
            assertThat(r.get("actorKind").asText()).isEqualTo("USER");
            assertThat(r.get("sourceAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(r.get("organizationId").isNull()).isTrue(); // the platform admin belongs to none
        });

        JsonNode denied = only(auditor, "/api/v1/audit/records?actor=a-member&result=FAILURE");
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).get("action").asText()).isEqualTo("POST /api/v1/organizations");
        assertThat(denied.get(0).get("status").asInt()).isEqualTo(403);
        assertThat(denied.get(0).get("organizationId").asLong()).isEqualTo(orgA);

        JsonNode failedLogin = only(auditor, "/api/v1/audit/records?action=auth/login&status=401");
        assertThat(failedLogin).hasSize(1);
        assertThat(failedLogin.get(0).get("actor").asText()).isEqualTo("anonymous");
        JsonNode logins = only(auditor, "/api/v1/audit/records?action=auth/login&actor=a-admin&result=SUCCESS");
        assertThat(logins).as("the sign-in is attributed to the user it signed in").hasSize(1);
        // who tried and how it ended, never the password
        assertThat(failedLogin.get(0).get("details").asText())
                .contains("user=\"a-admin\" signIn=\"FAILED\" reason=\"wrong password\"");
        assertThat(logins.get(0).get("details").asText()).contains("user=\"a-admin\" signIn=\"SUCCEEDED\"")
                .doesNotContain("reason=");

        JsonNode consortia = only(auditor, "/api/v1/audit/records?action=POST%20/api/v1/consortia&actor=a-admin");
        assertThat(consortia).extracting(r -> r.get("status").asInt()).containsExactly(201);

        String everything = auditor.get("/api/v1/audit/export?format=json").body();
        assertThat(everything).doesNotContain(Fixtures.password("a-admin"), Fixtures.password("a-member"),
                PlatformRunner.ADMIN_PASSWORD, "wrong-password-123");
        assertThat(auditor.get("/api/v1/audit/records?actor=auditor").json())
                .as("reads are not changes").noneMatch(r -> r.get("action").asText().startsWith("GET /api/v1/audit/records"));
    }

    @Test
    @Order(2)
    void a_change_s_record_says_what_it_made_and_never_a_secret() {
        JsonNode members = only(auditor, "/api/v1/audit/records?action=/api/v1/organizations/%7BorganizationId%7D/members"
                + "&actor=admin");
        assertThat(members).extracting(r -> r.get("details").asText()).anySatisfy(d -> assertThat(d)
                .startsWith("auth=bearer user=\"a-admin\" organization=\"" + orgA + "\" role=\"ADMIN\" agent="));
        JsonNode member = only(auditor, "/api/v1/audit/records?action=/api/v1/organizations/%7BorganizationId%7D/members"
                + "&actor=a-admin").get(0);
        assertThat(member.get("details").asText()).contains("user=\"a-member\"", "role=\"MEMBER\"");
        JsonNode consortia = only(auditor, "/api/v1/audit/records?action=POST%20/api/v1/consortia&actor=a-admin&status=201");
        assertThat(consortia.get(0).get("details").asText())
                .contains("consortium=\"" + consortium + "\" consortiumName=\"Audit Alliance\"");

        Api.Response app = aAdmin.post("/api/v1/organizations/" + orgA + "/applications",
                Json.of("consortiumId", consortium, "name", "audit-erp"));
        assertThat(app.status()).as(app.toString()).isEqualTo(201);
        long application = app.json().get("id").asLong();
        String keys = "/api/v1/organizations/" + orgA + "/applications/" + application + "/keys";
        Api.Response issued = aAdmin.post(keys, Json.of("channels", List.of("*"), "contracts", List.of("*"),
                "functions", List.of("*")));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String keyId = issued.json().get("key").get("accessKeyId").asText();
        String secret = issued.json().get("secretKey").asText();
        assertThat(aAdmin.post(keys + "/" + keyId + "/revoke", "{}").status()).isEqualTo(200);
        JsonNode keyRecords = eventually(auditor, "/api/v1/audit/records?action=%7BapplicationId%7D/keys&actor=a-admin",
                r -> r.size() == 2);
        String what = "application=\"" + application + "\" applicationName=\"audit-erp\" organization=\"" + orgA
                + "\" consortium=\"" + consortium + "\" accessKey=\"" + keyId + "\"";
        assertThat(keyRecords.get(1).get("details").asText()).contains(what + " channels=\"*\"");
        assertThat(keyRecords.get(0).get("details").asText()).contains(what + " keyStatus=\"REVOKED\"");
        JsonNode registered = java.util.stream.StreamSupport.stream(only(auditor, "/api/v1/audit/records?action=POST%20"
                + "/api/v1/organizations/%7BorganizationId%7D/applications&status=201").spliterator(), false)
                .filter(r -> r.get("action").asText().endsWith("/applications")).findFirst().orElseThrow();
        assertThat(registered.get("details").asText()).contains("application=\"" + application + "\" applicationName="
                + "\"audit-erp\"");

        // a role changed, from and to, and a password an admin set: who and for whom, never the password
        Fixtures.member(aAdmin, orgA, "a-clerk", "MEMBER");
        String clerk = "/api/v1/organizations/" + orgA + "/members/a-clerk";
        assertThat(aAdmin.put(clerk + "/role", Json.of("role", "ADMIN")).status()).isEqualTo(200);
        String newPassword = "clerk-new-password-42";
        assertThat(aAdmin.put(clerk + "/password", Json.of("password", newPassword)).status()).isEqualTo(204);
        JsonNode role = eventually(auditor, "/api/v1/audit/records?action=%7Busername%7D/role&actor=a-admin",
                r -> r.size() == 1).get(0);
        assertThat(role.get("details").asText()).contains("user=\"a-clerk\" previousRole=\"MEMBER\" role=\"ADMIN\"");
        JsonNode password = eventually(auditor, "/api/v1/audit/records?action=%7Busername%7D/password&actor=a-admin",
                r -> r.size() == 1).get(0);
        assertThat(password.get("details").asText()).contains("user=\"a-clerk\" passwordSetBy=\"a-admin\"")
                .doesNotContain(newPassword);
        // a user disabled: whom, and the state before and after
        assertThat(aAdmin.put(clerk + "/status", Json.of("enabled", false)).status()).isEqualTo(200);
        JsonNode disabled = eventually(auditor, "/api/v1/audit/records?action=%7Busername%7D/status&actor=a-admin",
                r -> r.size() == 1).get(0);
        assertThat(disabled.get("details").asText()).contains("user=\"a-clerk\" enabled=\"false\" "
                + "previouslyEnabled=\"true\"");

        // the organisation's keys exported: which keys left the platform, never their material nor the passphrase
        String passphrase = "orbit lantern quietly sextant marmalade";
        Api.Response exported = aAdmin.post("/api/v1/organizations/" + orgA + "/keys/export",
                Json.of("passphrase", passphrase, "currentPassword", Fixtures.password("a-admin")));
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        JsonNode export = eventually(auditor, "/api/v1/audit/records?action=keys/export&actor=a-admin",
                r -> r.size() == 1).get(0);
        assertThat(export.get("details").asText()).contains("organization=\"" + orgA + "\" keyCount=\"")
                .doesNotContain(passphrase, "PRIVATE KEY");

        String json = auditor.get("/api/v1/audit/export?format=json").body();
        String csv = auditor.get("/api/v1/audit/export?format=csv&actor=a-admin").body();
        assertThat(json).contains(keyId).doesNotContain(secret, newPassword, passphrase, "PRIVATE KEY");
        // the CSV carries the facts too, its quotes doubled as in every quoted field
        assertThat(csv).contains("accessKey=\"\"" + keyId + "\"\"", "previousRole=\"\"MEMBER\"\"")
                .doesNotContain(secret, newPassword);
        JsonNode verified = auditor.get("/api/v1/audit/verify").json();
        assertThat(verified.get("ok").asBoolean()).as("records with the new facts verify: " + verified).isTrue();
    }

    @Test
    @Order(3)
    void every_gateway_request_is_recorded_even_when_refused() {
        Api.Response refused = platform.api().get("/gateway/v1/channels/main/blocks/1");
        assertThat(refused.status()).isBetween(400, 499);
        JsonNode records = eventually(auditor, "/api/v1/audit/records?action=/gateway/v1/", r -> r.size() > 0);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("action").asText()).startsWith("GET /gateway/v1/");
        assertThat(records.get(0).get("status").asInt()).isEqualTo(refused.status());
    }

    @Test
    @Order(4)
    void organisation_admins_see_their_organisations_part_and_members_see_nothing() {
        JsonNode mine = only(aAdmin, "/api/v1/audit/records?limit=1000");
        assertThat(mine).isNotEmpty().allSatisfy(r -> assertThat(r.get("organizationId").asLong()).isEqualTo(orgA));
        assertThat(mine).extracting(r -> r.get("actor").asText()).contains("a-admin", "a-member");
        JsonNode theirs = only(bAdmin, "/api/v1/audit/records?limit=1000");
        assertThat(theirs).allSatisfy(r -> assertThat(r.get("organizationId").asLong()).isEqualTo(orgB));
        assertThat(theirs).extracting(r -> r.get("actor").asText()).doesNotContain("a-admin", "a-member");

        Api.Response other = aAdmin.get("/api/v1/audit/records?organizationId=" + orgB);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(aMember.get("/api/v1/audit/records").status()).isEqualTo(403);
        assertThat(aMember.get("/api/v1/audit/export?format=csv").status()).isEqualTo(403);
        assertThat(aAdmin.get("/api/v1/audit/verify").status()).isEqualTo(403);
        assertThat(aAdmin.get("/api/v1/audit/export?format=json").body())
                .doesNotContain("\"b-admin\"").contains("\"a-member\"");

        JsonNode all = only(admin, "/api/v1/audit/records?limit=1000");
        assertThat(all).extracting(r -> r.get("actor").asText()).contains("admin", "a-admin", "b-admin", "anonymous");
        assertThat(only(auditor, "/api/v1/audit/records?limit=1000").size()).isGreaterThanOrEqualTo(all.size());
    }

    @Test
    @Order(5)
    void search_filters_by_time_and_pages_newest_first() {
        JsonNode all = only(auditor, "/api/v1/audit/records?limit=1000");
        List<Long> sequences = new ArrayList<>();
        all.forEach(r -> sequences.add(r.get("sequence").asLong()));
        assertThat(sequences).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode page = only(auditor, "/api/v1/audit/records?limit=2&before=" + sequences.get(0));
        assertThat(page).extracting(r -> r.get("sequence").asLong()).containsExactly(sequences.get(1), sequences.get(2));

        String future = Instant.now().plus(Duration.ofDays(1)).toString();
        assertThat(only(auditor, "/api/v1/audit/records?from=" + future)).isEmpty();
        String past = Instant.now().minus(Duration.ofDays(1)).toString();
        assertThat(only(auditor, "/api/v1/audit/records?limit=1000&from=" + past + "&to=" + future))
                .hasSize(all.size());

        // a day, as an auditor types it, is its start in UTC; a wrong one says what a time looks like
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        assertThat(only(auditor, "/api/v1/audit/records?limit=1000&from=" + tomorrow)).isEmpty();
        assertThat(only(auditor, "/api/v1/audit/records?limit=1000&to=" + tomorrow + "T00:00:00")).hasSize(all.size());
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        assertThat(only(auditor, "/api/v1/audit/records?limit=1000&from=" + yesterday)).hasSize(all.size());
        Api.Response badTime = auditor.get("/api/v1/audit/records?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("detail").asText())
                .startsWith("from must be an ISO-8601 time such as 2026-12-02T21:00:00Z").endsWith("was yesterday");
        assertThat(auditor.get("/api/v1/audit/records?limit=0").status()).isEqualTo(400);
        assertThat(auditor.get("/api/v1/audit/export?format=xml").status()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void exports_in_csv_and_json_hold_the_same_records_oldest_first() {
        Api.Response json = auditor.get("/api/v1/audit/export?format=json&actor=a-admin");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Disposition").orElse("")).contains("audit.json");
        JsonNode records = json.json();
        assertThat(records.size()).isGreaterThanOrEqualTo(2);
        assertThat(records.get(0).get("sequence").asLong()).isLessThan(records.get(1).get("sequence").asLong());

        Api.Response csv = auditor.get("/api/v1/audit/export?format=csv&actor=a-admin");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        // a byte order mark first, so that Excel on Windows reads the UTF-8 (Chinese names) as UTF-8
        assertThat(lines[0]).isEqualTo("\ufeffsequence,recordedAt,actorKind,actor,organizationId,action,target,"
                + "sourceAddress,status,details,previousHash,hash");
        assertThat(lines).hasSize(records.size() + 1);
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            assertThat(lines[i + 1]).startsWith(r.get("sequence").asLong() + ",").endsWith("," + r.get("hash").asText())
                    .contains(",a-admin," + orgA + "," + r.get("action").asText() + ",");
        }
        // the export of the export is itself recorded
        eventually(auditor, "/api/v1/audit/records?action=/api/v1/audit/export&actor=auditor", r -> r.size() >= 4);
    }

    @Test
    @Order(7)
    void an_sql_update_of_one_record_is_found_by_verify_which_names_it() {
        JsonNode ok = auditor.get("/api/v1/audit/verify").json();
        assertThat(ok.get("ok").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.get("checked").asLong()).isEqualTo(ok.get("headSequence").asLong()).isGreaterThan(10);
        assertThat(ok.get("onChain").get("checked").asBoolean()).as("no anchoring configured yet").isFalse();
        assertThat(ok.get("onChain").get("reason").asText()).contains("no anchoring is configured",
                "consortia.audit.anchor.consortium-id");

        long victim = only(auditor, "/api/v1/audit/records?actor=a-member&result=FAILURE").get(0).get("sequence").asLong();
        JdbcTemplate sql = new JdbcTemplate(platform.bean(DataSource.class));
        assertThat(sql.update("update audit_records set status = 201 where sequence = ?", victim)).isEqualTo(1);

        JsonNode broken = auditor.get("/api/v1/audit/verify").json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("firstBadSequence").asLong()).isEqualTo(victim);
        assertThat(broken.get("reason").asText()).contains("record " + victim + " was altered");
        assertThat(broken.get("headSequence").asLong()).as("checked up to the record before").isEqualTo(victim - 1);

        sql.update("update audit_records set status = 403 where sequence = ?", victim);
        assertThat(auditor.get("/api/v1/audit/verify").json().get("ok").asBoolean()).as("only the edit broke it").isTrue();

    }

    @Test
    @Order(8)
    void an_sql_delete_of_one_record_is_found_by_verify_as_a_gap() {
        long victim = only(auditor, "/api/v1/audit/records?actor=a-member&result=FAILURE").get(0).get("sequence").asLong();
        JdbcTemplate sql = new JdbcTemplate(platform.bean(DataSource.class));
        Map<String, Object> row = sql.queryForMap("select * from audit_records where sequence = ?", victim);
        assertThat(sql.update("delete from audit_records where sequence = ?", victim)).isEqualTo(1);

        JsonNode broken = auditor.get("/api/v1/audit/verify").json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("firstBadSequence").asLong()).isEqualTo(victim);
        assertThat(broken.get("reason").asText()).contains("record " + victim + " is missing");

        List<String> columns = new ArrayList<>(row.keySet());
        sql.update("insert into audit_records (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")", row.values().toArray());
        assertThat(auditor.get("/api/v1/audit/verify").json().get("ok").asBoolean()).as("restored").isTrue();
    }

    @Test
    @Order(9)
    void a_network_is_deployed_and_the_platform_restarted_to_notarize_on_it() {
        Api.Response started = aAdmin.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode deployed = Waits.deployment(aAdmin, started.json().get("id").asLong());
        assertThat(deployed.get("status").asText()).as(deployed.toString()).isEqualTo("SUCCEEDED");
        JsonNode deploy = eventually(auditor, "/api/v1/audit/records?action=network/deploy&actor=a-admin",
                r -> r.size() == 1).get(0);
        assertThat(deploy.get("details").asText()).contains("deployment=\"" + deployed.get("id").asLong()
                + "\" deploymentAction=\"DEPLOY\"");
        platform.with("consortia.audit.anchor.consortium-id", consortium)
                .with("consortia.audit.anchor.channel", "main")
                .with("consortia.audit.anchor.interval", "2s")
                .restart();
        admin = platform.admin(); // a new port: new clients, whose sign-ins are recorded too
        auditor = platform.api().login("auditor", Fixtures.password("auditor"));
        aAdmin = platform.api().login("a-admin", Fixtures.password("a-admin"));
        aMember = platform.api().login("a-member", Fixtures.password("a-member"));
    }

    @Test
    @Order(10)
    void the_head_is_notarized_on_schedule_on_a_real_channel_and_found_there() {
        // every record so far, also the sign-ins just made, ends up in a notarized head
        JsonNode anchor = notarizedUpToItsOwnRecord("the head notarized on schedule");
        long head = anchor.get("sequence").asLong();
        // the notarization is a transaction signed with an organisation's identity: the trail says so, as the platform's
        JsonNode own = only(auditor, "/api/v1/audit/records?limit=1").get(0);
        assertThat(own.get("sequence").asLong()).isEqualTo(head + 1);
        assertThat(own.get("actorKind").asText()).isEqualTo("PLATFORM");
        assertThat(own.get("actor").asText()).isEqualTo("audit-notary");
        assertThat(own.get("action").asText()).isEqualTo("audit.notarize");
        assertThat(own.get("status").asInt()).isEqualTo(201);
        assertThat(own.get("details").asText()).contains("consortium=\"" + consortium + "\" channel=\"main\" record=\""
                + head + "\"", "signedBy=\"admin@", "trigger=\"schedule\"",
                "transaction=\"" + anchor.get("transactionId").asText() + "\"");
        assertThat(anchor.get("channel").asText()).isEqualTo("main");
        String headHash = anchor.get("headHash").asText();
        assertThat(headHash).as("the record before the notary's own").isEqualTo(own.get("previousHash").asText());

        JsonNode onChain = admin.get("/api/v1/consortia/" + consortium + "/channels/main/notarizations/" + headHash)
                .json();
        assertThat(onChain.get("notarized").asBoolean()).as(onChain.toString()).isTrue();
        assertThat(onChain.get("transactionId").asText()).isEqualTo(anchor.get("transactionId").asText());
        assertThat(onChain.get("proofVerified").asBoolean()).isTrue();
        assertThat(onChain.get("record").toString()).contains("consortia-audit-head seq=" + head);

        JsonNode verified = await("verify compares with the head notarized on chain").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1)).until(() -> auditor.get("/api/v1/audit/verify").json(),
                        v -> v.get("onChain").get("sequence").asLong() >= head);
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("onChain").get("checked").asBoolean()).isTrue();
        assertThat(verified.get("onChain").get("consortiumId").asLong()).isEqualTo(consortium);
        assertThat(verified.get("onChain").get("channel").asText()).isEqualTo("main");
        assertThat(verified.get("onChain").get("anchors").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(11)
    void the_head_is_notarized_on_demand_by_a_platform_admin_only() {
        assertThat(auditor.post("/api/v1/audit/anchors", "{}").status()).isEqualTo(403);
        assertThat(aAdmin.post("/api/v1/audit/anchors", "{}").status()).isEqualTo(403);
        eventually(auditor, "/api/v1/audit/records?action=POST%20/api/v1/audit/anchors&status=403&actor=auditor",
                r -> r.size() == 1); // refused by Spring Security itself, still attributed to the auditor
        Api.Response badChannel = admin.post("/api/v1/audit/anchors", Json.of("consortiumId", consortium,
                "channel", "no-such-channel"));
        assertThat(badChannel.status()).as(badChannel.toString()).isEqualTo(404);
        Api.Response badConsortium = admin.post("/api/v1/audit/anchors", Json.of("consortiumId", 9_999,
                "channel", "main"));
        assertThat(badConsortium.status()).as(badConsortium.toString()).isEqualTo(404);
        assertThat(badConsortium.json().get("detail").asText()).contains("Consortium 9999").doesNotContain("main");

        Api.Response anchored = admin.post("/api/v1/audit/anchors", Json.of("consortiumId", consortium,
                "channel", "main"));
        assertThat(anchored.status()).as(anchored.toString()).isEqualTo(201);
        JsonNode anchor = anchored.json();
        assertThat(anchor.get("status").asText()).isEqualTo("ANCHORED");
        assertThat(anchor.get("transactionId").asText()).isNotBlank();
        JsonNode onChain = admin.get("/api/v1/consortia/" + consortium + "/channels/main/notarizations/"
                + anchor.get("headHash").asText()).json();
        assertThat(onChain.get("transactionId").asText()).isEqualTo(anchor.get("transactionId").asText());
        eventually(auditor, "/api/v1/audit/records?action=POST%20/api/v1/audit/anchors&status=201", r -> r.size() == 1);
        JsonNode own = only(auditor, "/api/v1/audit/records?action=audit.notarize&limit=100");
        assertThat(own).filteredOn(r -> r.get("details").asText().contains("transaction=\""
                + anchor.get("transactionId").asText() + "\"")).singleElement().satisfies(r -> {
                    assertThat(r.get("actorKind").asText()).isEqualTo("PLATFORM");
                    assertThat(r.get("details").asText()).contains("trigger=\"request\"");
                });
    }

    /**
     * Waits until the schedule has notarized the current head: the newest notarization is of the record
     * before the head, and the head is the notary's own record of it (which it leaves to the next one).
     * Reads add no records, so once it has, it has nothing new to notarize.
     */
    private JsonNode notarizedUpToItsOwnRecord(String what) {
        return await(what).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> auditor.get("/api/v1/audit/anchors").json(), a -> {
                    JsonNode newest = only(auditor, "/api/v1/audit/records?limit=1").get(0);
                    return a.size() > 0 && "ANCHORED".equals(a.get(0).get("status").asText())
                            && a.get(0).get("sequence").asLong() + 1 == newest.get("sequence").asLong()
                            && "audit-notary".equals(newest.get("actor").asText());
                }).get(0);
    }

    @Test
    @Order(12)
    void deleting_records_from_the_end_is_found_against_the_notarized_head() {
        // The scheduler (every 2 s since order 9) notarizes each new head, e.g. the record of the previous
        // test's last request: let it catch up first, or it may notarize a newer head between reading the
        // last anchor and the delete, and verify would then name that one. Reads add no records, so once
        // it has, it has nothing new to notarize. The delete takes the notarized head and the notary's record of it.
        JsonNode last = notarizedUpToItsOwnRecord("the scheduler has notarized the current head");
        long anchored = last.get("sequence").asLong();
        JdbcTemplate sql = new JdbcTemplate(platform.bean(DataSource.class));
        deleted = sql.queryForList("select * from audit_records where sequence >= ? order by sequence", anchored);
        assertThat(sql.update("delete from audit_records where sequence >= ?", anchored)).isGreaterThanOrEqualTo(1);
        JsonNode broken = auditor.get("/api/v1/audit/verify").json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("firstBadSequence").asLong()).isEqualTo(anchored);
        assertThat(broken.get("reason").asText()).contains("missing").contains(last.get("transactionId").asText());

        // whoever can delete records can delete the platform's list of notarizations too: the ledger still knows
        assertThat(sql.update("delete from audit_anchors")).isGreaterThanOrEqualTo(1);
        assertThat(auditor.get("/api/v1/audit/anchors").json()).isEmpty();
        JsonNode still = auditor.get("/api/v1/audit/verify").json();
        assertThat(still.get("ok").asBoolean()).as(still.toString()).isFalse();
        assertThat(still.get("firstBadSequence").asLong()).isEqualTo(anchored);
        assertThat(still.get("reason").asText()).as(still.toString()).contains("record " + anchored + " is missing",
                "notarized on chain", "channel main of consortium " + consortium, last.get("transactionId").asText(),
                "was record " + anchored);
        assertThat(still.get("onChain").get("sequence").asLong()).isEqualTo(anchored);
        assertThat(still.get("onChain").get("headHash").asText()).isEqualTo(last.get("headHash").asText());
        // nor does notarizing the shortened trail hide it
        Api.Response hidden = admin.post("/api/v1/audit/anchors", Json.of("consortiumId", consortium, "channel", "main"));
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(409);
        assertThat(hidden.json().get("detail").asText()).contains("records were deleted");

        // nor does an index entry planted after the genuine ones (any member may notarize at any key): it
        // names record 1, which is still there with its hash, so a check of the newest entry alone would pass
        long next = still.get("onChain").get("anchors").asLong() + 1;
        String firstHash = sql.queryForObject("select hash from audit_records where sequence = 1", String.class);
        Api.Response planted = aAdmin.post("/api/v1/consortia/" + consortium + "/channels/main/notarizations",
                Json.of("documentHash", io.consortia.crypto.Hashes.hex(io.consortia.crypto.Hashes.sha256().digest(
                        ("consortia-audit-anchor/" + consortium + "/" + next).getBytes(StandardCharsets.UTF_8))),
                        "metadata", "consortia-audit-anchor k=" + next + " seq=1 hash=" + firstHash + " tx=planted"));
        assertThat(planted.status()).as(planted.toString()).isEqualTo(201);
        JsonNode fooled = auditor.get("/api/v1/audit/verify").json();
        assertThat(fooled.get("onChain").get("anchors").asLong()).as(fooled.toString()).isEqualTo(next);
        assertThat(fooled.get("ok").asBoolean()).as(fooled.toString()).isFalse();
        assertThat(fooled.get("firstBadSequence").asLong()).isEqualTo(anchored);
        // the requests since the delete (the refused notarization, the planted one) are recorded after the deleted
        // record, never in its place: "missing" against the notarized head, or as a gap once they have landed
        assertThat(fooled.get("reason").asText()).as(fooled.toString()).containsAnyOf(
                "record " + anchored + " is missing", "records " + anchored + " to " + (anchored + 1) + " are missing");

        // however many records follow, none takes the deleted record's sequence and presents it as genuine
        String refusals = "/api/v1/audit/records?actor=a-member&status=403&action=POST%20/api/v1/organizations";
        int before = only(auditor, refusals).size();
        for (int i = 0; i < 3; i++) {
            assertThat(aMember.post("/api/v1/organizations", Json.of("name", "sneaky", "displayName", "S")).status())
                    .isEqualTo(403);
        }
        eventually(auditor, refusals, r -> r.size() == before + 3);
        assertThat(only(auditor, "/api/v1/audit/records?limit=2&before=" + (anchored + 1)))
                .extracting(r -> r.get("sequence").asLong()).containsExactly(anchored - 1, anchored - 2);
        JsonNode gap = auditor.get("/api/v1/audit/verify").json();
        assertThat(gap.get("ok").asBoolean()).as(gap.toString()).isFalse();
        assertThat(gap.get("firstBadSequence").asLong()).as(gap.toString()).isEqualTo(anchored);
        assertThat(gap.get("reason").asText()).as(gap.toString()).isEqualTo("records " + anchored + " to "
                + (anchored + 1) + " are missing: the sequence jumps from " + (anchored - 1) + " to " + (anchored + 2));
    }

    @Test
    @Order(13)
    void the_console_page_shows_the_trail_in_english_and_chinese() {
        Api.Response english = auditor.get("/console/audit?lang=en&verify=true");
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.body()).contains("Audit trail", "Export CSV", "Chain broken at record", "a-admin");
        Api.Response chinese = auditor.get("/console/audit?lang=zh-CN");
        assertThat(chinese.body()).contains("审计日志", "导出 CSV", "已存证的链头");
        Api.Response organisation = aAdmin.get("/console/audit?lang=en");
        assertThat(organisation.body()).contains("your organisation").doesNotContain("b-admin");
        assertThat(aMember.get("/console/audit").status()).isEqualTo(403);
    }

    @Test
    @Order(14)
    void a_ledger_that_cannot_be_read_leaves_the_trail_unverified_and_says_why() {
        platform.with("consortia.audit.anchor.channel", "absent").restart();
        auditor = platform.api().login("auditor", Fixtures.password("auditor"));
        // the records deleted from the end put back: the records written since were chained onto them, not
        // numbered in their place, so the walk checks out again and only the ledger is left to compare with
        JdbcTemplate sql = new JdbcTemplate(platform.bean(DataSource.class));
        assertThat(deleted).isNotEmpty();
        for (Map<String, Object> row : deleted) {
            List<String> columns = new ArrayList<>(row.keySet());
            sql.update("insert into audit_records (" + String.join(", ", columns) + ") values ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")", row.values().toArray());
        }
        JsonNode unverified = auditor.get("/api/v1/audit/verify").json();
        assertThat(unverified.get("ok").asBoolean()).as(unverified.toString()).isFalse();
        assertThat(unverified.get("onChain").get("checked").asBoolean()).isFalse();
        assertThat(unverified.get("onChain").get("consortiumId").asLong()).isEqualTo(consortium);
        assertThat(unverified.get("onChain").get("channel").asText()).isEqualTo("absent");
        assertThat(unverified.get("reason").asText()).contains("could not be checked against the ledger",
                "channel absent of consortium " + consortium + " could not be read");
    }

    private static JsonNode eventually(Api api, String path, java.util.function.Predicate<JsonNode> condition) {
        return await(path).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> only(api, path), condition);
    }

    private static JsonNode only(Api api, String path) {
        Api.Response response = api.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
