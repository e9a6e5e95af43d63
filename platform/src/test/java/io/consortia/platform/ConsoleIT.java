package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in real headless Chromium against a real platform with real node processes:
 * sign in, the create wizard with an invitation accepted by the other organisation and the
 * deployment followed to "running", a file notarized (hashed in the browser) and found through
 * the search box by transaction id and by block hash with its proof checked in the browser,
 * a member's view without admin actions, bad input shown with the server's message, and the
 * switch to Chinese. Screenshots of the main pages go to target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class ConsoleIT {
    private static final String CONSORTIUM = "Console Trade Alliance";
    private PlatformRunner platform;
    private Browser browser;
    private long org1;
    private long consortium;
    private String transactionId;
    private String blockHash;
    @TempDir
    Path files;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        org1 = Fixtures.organization(admin, "org1");
        long org2 = Fixtures.organization(admin, "org2");
        Fixtures.member(admin, org1, "alice", "ADMIN");
        Fixtures.member(admin, org2, "bob", "ADMIN");
        Fixtures.member(admin, org1, "carol", "MEMBER");
        browser = new Browser("http://127.0.0.1:" + platform.port());
    }

    @AfterAll
    void stop() {
        Closing.all(browser, platform);
    }

    @Test
    @Order(1)
    void wrong_password_is_refused_with_the_servers_message() {
        browser.open("/console");
        browser.waitForPath("/login");
        browser.type("#username", "alice");
        browser.type("#password", "not-the-password");
        browser.click("#login-submit");
        assertThat(browser.find("#login-form .problem").getText()).contains("Unknown user or wrong password");
        assertThat(browser.path()).startsWith("/login");
        browser.screenshot("01-sign-in");
    }

    @Test
    @Order(2)
    void an_organisation_admin_signs_in_to_an_empty_dashboard_that_says_what_to_do() {
        browser.signIn("alice", Fixtures.password("alice"));
        assertThat(browser.find("#who-role").getText()).isEqualTo("Organisation admin");
        assertThat(browser.find("#empty-consortia").getText()).contains("Create one");
        browser.screenshot("02-dashboard-empty");

        // the members' roles are named in both languages, and no message is missing ("??key_locale??")
        browser.open("/console/organizations/" + org1);
        assertThat(browser.find("#members-table").getText()).contains("alice Organisation admin")
                .contains("carol Member");
        assertNoMissingMessage();
        inChinese(() -> {
            assertThat(browser.find("#members-table").getText()).contains("alice 组织管理员").contains("carol 成员");
            assertNoMissingMessage();
        });
    }

    /** Runs the checks on the current page switched to Chinese, then switches back to English. */
    private void inChinese(Runnable checks) {
        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30), d -> "zh-CN".equals(browser.find("html").getAttribute("lang")));
        checks.run();
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30), d -> !"zh-CN".equals(browser.find("html").getAttribute("lang")));
    }

    /** A message key the templates ask for and the bundle lacks shows as "??key_locale??". */
    private void assertNoMissingMessage() {
        assertThat(browser.find("body").getText()).doesNotContain("??");
    }

    @Test
    @Order(3)
    void the_wizard_shows_the_servers_problem_for_a_bad_name_and_creates_nothing() {
        browser.open("/console/consortia/new");
        browser.type("#consortium-name", "x");
        browser.click("#wizard-next");
        assertThat(browser.find("#wizard-details .problem").getText()).contains("name");
        assertThat(browser.path()).isEqualTo("/console/consortia/new");
        browser.open("/console/consortia");
        assertThat(browser.all("main table tr td a")).isEmpty();
    }

    @Test
    @Order(4)
    void the_wizard_creates_the_consortium_and_invites_the_second_organisation() {
        browser.open("/console/consortia/new");
        browser.type("#consortium-name", CONSORTIUM);
        browser.click("#scheme-ECDSA_P256");
        browser.type("#nodes-per-org", "1");
        browser.screenshot("03-wizard-details");
        browser.click("#wizard-next");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().matches("/console/consortia/\\d+/setup"));
        consortium = Long.parseLong(browser.path().replaceAll("\\D+", " ").trim().split(" ")[0]);

        browser.click("#invite-org2");
        browser.click("#invite-submit");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.present("#invitations tr[data-org='org2']"));
        assertThat(browser.find("#invitations tr[data-org='org2']").getText()).contains("Waiting for an answer");
        // an invitation lapses unanswered: the leader sees when (the platform's default validity, 14 days)
        assertThat(browser.find("#invitations tr[data-org='org2'] .invitation-dates").getText())
                .matches("sent \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2})? UTC · expires \\d{4}-.* UTC unanswered");
        browser.screenshot("04-wizard-invited");
        browser.signOut();
    }

    @Test
    @Order(5)
    void the_invited_admin_accepts_on_their_dashboard() {
        browser.signIn("bob", Fixtures.password("bob"));
        assertThat(browser.find("#pending-invitations").getText()).contains(CONSORTIUM);
        // what bob's organisation is asked to join, before it decides
        assertThat(browser.find("#pending-invitations .invitation-terms").getText()).contains("led by org1")
                .contains("ECDSA P-256").contains("1 node(s) per organisation");
        assertThat(browser.find("#pending-invitations .invitation-members").getText()).isEqualTo("Members: org1");
        assertThat(browser.find("#pending-invitations .invitation-dates").getText()).startsWith("sent ")
                .contains(" · expires ").endsWith(" UTC unanswered");
        browser.screenshot("05-invitation");
        browser.click("#pending-invitations .accept-invitation");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.present("#consortia-table"));
        assertThat(browser.present("#pending-invitations")).isFalse();
        assertThat(browser.find("#consortia-table").getText()).contains(CONSORTIUM);
        browser.signOut();
    }

    @Test
    @Order(6)
    void the_leader_deploys_from_the_wizard_and_watches_it_reach_running() {
        browser.signIn("alice", Fixtures.password("alice"));
        browser.open("/console/consortia/" + consortium + "/setup");
        assertThat(browser.find("#invitations").getText()).contains("org1").contains("org2");
        browser.click("#deploy");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.present("#deployment-progress"));
        browser.screenshot("06-deploying");
        browser.waitFor(Duration.ofMinutes(4), d -> !"RUNNING".equals(browser.attribute("#deployment-progress", "data-status")));
        assertThat(browser.attribute("#deployment-progress", "data-status")).isEqualTo("SUCCEEDED");
        assertThat(browser.find("#deploy-done").getText()).contains("running");
        browser.screenshot("07-deployed");

        browser.click("#go-overview");
        browser.waitForPath("/console/consortia/" + consortium);
        assertThat(browser.find("#consortium-status").getText()).isEqualTo("Running");
        browser.open("/console/consortia/" + consortium + "/nodes");
        assertThat(browser.all("#nodes-table tr[data-node]")).hasSize(2);
        browser.waitFor(Duration.ofSeconds(60), d -> {
            browser.open("/console/consortia/" + consortium + "/nodes");
            return browser.find("#nodes-table").getText().contains("leader");
        });
        browser.screenshot("08-nodes");
    }

    @Test
    @Order(7)
    void a_file_is_hashed_in_the_browser_notarized_and_its_proof_checks_in_the_browser() throws Exception {
        Path file = files.resolve("invoice-2026-001.pdf");
        Files.writeString(file, "Invoice 2026-001: 1,000 units at 12.50\n", StandardCharsets.UTF_8);
        String expected = Hashes.hex(Hashes.sha256().digest(Files.readAllBytes(file)));

        browser.open("/console/consortia/" + consortium + "/contracts");
        browser.driver().findElement(org.openqa.selenium.By.id("notarize-file")).sendKeys(file.toString());
        browser.waitFor(Duration.ofSeconds(30), d -> expected.equals(browser.find("#notarize-hash").getDomProperty("value")));
        browser.type("#notarize-metadata", "invoice 2026-001");
        browser.screenshot("09-notarize");
        browser.click("#notarize-submit");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.path().contains("/transactions/"));
        transactionId = browser.find("#tx-id").getText();
        blockHash = browser.find("#tx-block-hash").getText();
        assertThat(transactionId).matches("[0-9a-f]{64}");
        assertThat(browser.find("#tx-code").getText()).isEqualTo("VALID");
        assertThat(browser.find("#tx-detail").getText()).contains(expected);

        browser.click("#verify-proof");
        browser.waitFor(Duration.ofSeconds(10), d -> browser.attribute("#proof-verdict", "data-verified") != null);
        assertThat(browser.attribute("#proof-verdict", "data-verified")).isEqualTo("true");
        assertThat(browser.attribute("#proof-verdict", "data-verdict-proven")).isEqualTo("true");
        assertThat(browser.find("#proof-steps").getText()).contains("SHA-256(payload) = transaction id " + transactionId,
                "under receipts root", "= block hash " + blockHash);
        browser.screenshot("10-transaction-proof");
    }

    @Test
    @Order(8)
    void the_search_box_finds_it_by_transaction_id_and_by_block_hash() {
        // the explorer indexes blocks as they are committed; search until the index has this one
        browser.waitFor(Duration.ofSeconds(60), d -> {
            browser.open("/console/consortia/" + consortium + "/explorer");
            browser.type("#search-q", transactionId);
            browser.click("#search-go");
            return browser.present("#tx-id");
        });
        assertThat(browser.find("#tx-id").getText()).isEqualTo(transactionId);

        browser.open("/console/consortia/" + consortium + "/explorer");
        browser.type("#search-q", blockHash);
        browser.click("#search-go");
        assertThat(browser.find("#block-hash").getText()).isEqualTo(blockHash);
        assertThat(browser.find("main").getText()).contains(transactionId);
        browser.screenshot("11-block");

        browser.open("/console/consortia/" + consortium + "/explorer");
        browser.type("#search-q", "not a hash!");
        browser.click("#search-go");
        assertThat(browser.find("#search-problem").getText()).contains("block number");
        browser.open("/console/consortia/" + consortium + "/explorer");
        assertThat(browser.find("#latest-transactions").getText()).contains(transactionId.substring(0, 10));
        browser.screenshot("12-explorer");

        // the CSV export: a refused range is shown in the form (the page stays), a good one is downloaded
        browser.script("document.querySelector('#export-from').value = '2030-01-02T00:00:00';"
                + "document.querySelector('#export-to').value = '2030-01-01T00:00:00';");
        browser.click("#export-go");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#export-transactions .problem").isDisplayed());
        assertThat(browser.find("#export-transactions .problem").getText()).contains("must be before");
        assertThat(browser.path()).startsWith("/console/consortia/" + consortium + "/explorer");
        browser.script("document.querySelector('#export-from').value = '';"
                + "document.querySelector('#export-to').value = '';");
        browser.click("#export-go");
        browser.waitFor(Duration.ofSeconds(30),
                d -> "transactions-main.csv".equals(browser.attribute("#export-transactions", "data-downloaded")));
        assertThat(browser.script("return document.querySelector('#export-transactions .problem').hidden")).isEqualTo(true);
    }

    @Test
    @Order(9)
    void the_same_file_verifies_against_the_chain_and_another_does_not() throws Exception {
        Path same = files.resolve("copy-of-invoice.pdf");
        Files.writeString(same, "Invoice 2026-001: 1,000 units at 12.50\n", StandardCharsets.UTF_8);
        browser.open("/console/consortia/" + consortium + "/contracts");
        browser.driver().findElement(org.openqa.selenium.By.id("verify-file")).sendKeys(same.toString());
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#verify-info").getText().contains("copy-of-invoice"));
        browser.click("#verify-submit");
        // the answer is told as sentences with links, not a JSON dump whose 2.9 kB receipt widened the page
        // to 16,737 px (found by a tester)
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#verify-result").isDisplayed());
        assertThat(browser.find("#verify-result").getText()).startsWith("Notarized: recorded by org1 (")
                .containsPattern(" on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC, in block \\d+ of channel main, transaction ")
                .contains(transactionId).contains("Proof verified")
                .doesNotContain("{").doesNotContain("receipt\"");
        assertThat(browser.attribute("#verify-result a.verify-tx", "href"))
                .endsWith("/console/consortia/" + consortium + "/explorer/main/transactions/" + transactionId);
        assertThat(browser.attribute("#verify-result a.verify-block", "href"))
                .contains("/console/consortia/" + consortium + "/explorer/main/blocks/");
        assertThat(browser.attribute("#verify-result a.verify-download", "download")).startsWith("notarization-");
        assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as("the page does not scroll sideways").isTrue();
        String hash = browser.find("#verify-hash").getAttribute("value");
        browser.screenshot("13-verify-notarized");

        Path other = files.resolve("tampered.pdf");
        Files.writeString(other, "Invoice 2026-001: 9,000 units at 12.50\n", StandardCharsets.UTF_8);
        browser.driver().findElement(org.openqa.selenium.By.id("verify-file")).sendKeys(other.toString());
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#verify-info").getText().contains("tampered.pdf"));
        browser.click("#verify-submit");
        // a document nobody notarized is the answer "not notarized", not an error
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#verify-result").getText().startsWith("Not notarized"));
        assertThat(browser.find("#verify-result").getText()).contains("channel main has no record of this file");
        assertThat(browser.driver().findElement(org.openqa.selenium.By.cssSelector("#verify-form .problem"))
                .isDisplayed()).isFalse();
        browser.screenshot("13-verify");

        // and in Chinese
        browser.open("/console/consortia/" + consortium + "/contracts?lang=zh-CN");
        browser.type("#verify-hash", hash);
        browser.click("#verify-submit");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#verify-result").getText().startsWith("已存证：由 org1"));
        assertThat(browser.find("#verify-result").getText()).contains(" UTC 记录在通道 main 的区块 ").contains("证明已验证");
        browser.open("/console/consortia/" + consortium + "/contracts?lang=en");
    }

    @Test
    @Order(10)
    void the_overview_members_and_channel_pages_show_the_network_and_its_activity() {
        browser.open("/console/consortia/" + consortium);
        browser.waitFor(Duration.ofSeconds(30), d -> browser.all(".chart svg").size() == 2);
        assertThat(browser.find("#overview-height").getText()).isNotEqualTo("0");
        assertThat(browser.find("#network-actions").getText()).contains("Delete the network");
        browser.screenshot("16-overview");

        browser.open("/console/consortia/" + consortium + "/members");
        assertThat(browser.find("main").getText()).contains("Created the consortium").contains("Invited").contains("Joined");

        browser.open("/console/consortia/" + consortium + "/channels/main");
        browser.waitFor(Duration.ofSeconds(60), d -> {
            browser.open("/console/consortia/" + consortium + "/channels/main");
            return browser.find("main").getText().contains("notarization.record");
        });
        browser.screenshot("17-channel");

        // a channel with no organisation ticked is refused before sending: the API read the console's
        // empty list as "every member" and created it with all organisations (found by a tester)
        browser.open("/console/consortia/" + consortium + "/channels");
        browser.type("#channel-create input[name=name]", "nobody");
        browser.script("document.querySelectorAll('#channel-create input[name=organizationIds]')"
                + ".forEach(c => c.checked = false);");
        browser.click("#channel-create button[type=submit]");
        assertThat(browser.find("#channel-create .problem").getText())
                .contains("Tick at least one organisation for the channel");
        browser.open("/console/consortia/" + consortium + "/channels");
        assertThat(browser.find("#channels-table").getText()).doesNotContain("nobody");

        browser.open("/console");
        assertThat(browser.find("#consortia-table").getText()).contains(CONSORTIUM);
        assertThat(browser.find("#tile-nodes-up").getText()).isEqualTo("2");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.all(".chart svg").size() == 2);
        browser.screenshot("18-dashboard");

        // the charts' times follow the console's language, not the browser's (this one is en-US)
        browser.open("/console?lang=zh-CN");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.all(".chart svg").size() == 2);
        String axis = (String) browser.script("return Array.from(document.querySelectorAll('.chart svg text'))"
                + ".map(t => t.textContent).join(' ');");
        assertThat(axis).containsPattern("\\b\\d{2}:\\d{2}\\b").doesNotContain("AM").doesNotContain("PM");
        browser.open("/console?lang=en");
    }

    @Test
    @Order(11)
    void a_nodes_log_is_tailed_and_searched_and_a_node_restarts_with_progress() {
        browser.open("/console/consortia/" + consortium + "/nodes");
        browser.click("tr[data-node='c" + consortium + "-org2-0'] a");
        browser.waitForPath("/console/nodes/c" + consortium + "-org2-0/logs");
        assertThat(browser.find("#log pre").getText()).isNotBlank();
        browser.type("#log-q", "no line contains this text");
        browser.find("#log-q").submit();
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#log p").getText().startsWith("0 line"));
        browser.screenshot("19-logs");

        browser.open("/console/consortia/" + consortium + "/nodes");
        browser.click("tr[data-node='c" + consortium + "-org2-0'] .restart-node");
        browser.waitFor(Duration.ofSeconds(10), org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
                .accept();
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().contains("deployment="));
        browser.waitFor(Duration.ofMinutes(3), d -> !"RUNNING".equals(browser.attribute("#deployment-progress", "data-status")));
        assertThat(browser.attribute("#deployment-progress", "data-status")).isEqualTo("SUCCEEDED");
        assertThat(browser.find("#deployment-progress").getText()).contains("Stop c" + consortium + "-org2-0")
                .contains("Start c" + consortium + "-org2-0");
        browser.open("/console/consortia/" + consortium + "/nodes");
        assertThat(browser.attribute("tr[data-node='c" + consortium + "-org2-0'] .node-status", "data-status"))
                .isEqualTo("RUNNING");
        assertThat(browser.find("tr[data-node='c" + consortium + "-org2-0'] .node-status").getText()).isEqualTo("Running");
    }

    @Test
    @Order(11)
    void a_channel_a_node_cannot_open_is_shown_with_the_nodes_reason_until_it_is_mended() throws Exception {
        String nodeId = "c" + consortium + "-org2-0";
        Api alice = platform.api().login("alice", Fixtures.password("alice"));
        JsonNode before = nodeView(alice, nodeId);
        Path stored;
        try (var files = Files.walk(platform.dataDir())) {
            stored = files.filter(f -> f.toString().contains(nodeId) && f.endsWith(Path.of("channels", "main",
                    "channel.pb"))).findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(stored);
        // read only when the node starts: damaged now, the node finds it so once it is restarted
        Files.write(stored, "not a channel configuration".getBytes(StandardCharsets.UTF_8));
        ProcessHandle.of(before.get("pid").asLong()).ifPresent(ProcessHandle::destroyForcibly);
        org.awaitility.Awaitility.await("the node restarted without channel main").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode now = nodeView(alice, nodeId);
                    assertThat(now.get("pid").asLong()).isNotEqualTo(before.get("pid").asLong());
                    assertThat(now.get("status").asText()).isEqualTo("RUNNING");
                    assertThat(now.path("failedChannels").path("main").asText()).contains("cannot be used");
                    assertThat(now.get("heights").has("main")).isFalse();
                });

        browser.open("/console/consortia/" + consortium + "/nodes");
        String row = "tr[data-node='" + nodeId + "']";
        assertThat(browser.find(row + " .channel-not-served[data-channel='main']").getText())
                .startsWith("main: not served.").contains("channel.pb cannot be used");
        assertThat(browser.all("tr[data-node] .channel-not-served")).hasSize(1);
        browser.screenshot("19b-channel-not-served");

        Files.write(stored, good);
        browser.click(row + " .restart-node");
        browser.waitFor(Duration.ofSeconds(10), org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
                .accept();
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().contains("deployment="));
        browser.waitFor(Duration.ofMinutes(3), d -> !"RUNNING".equals(browser.attribute("#deployment-progress", "data-status")));
        assertThat(browser.attribute("#deployment-progress", "data-status")).isEqualTo("SUCCEEDED");
        org.awaitility.Awaitility.await("channel main served again").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode now = nodeView(alice, nodeId);
                    assertThat(now.get("failedChannels").isEmpty()).as(now.toString()).isTrue();
                    assertThat(now.get("heights").path("main").asLong())
                            .isGreaterThanOrEqualTo(before.get("heights").get("main").asLong());
                });
        browser.open("/console/consortia/" + consortium + "/nodes");
        assertThat(browser.all("tr[data-node] .channel-not-served")).isEmpty();
    }

    private JsonNode nodeView(Api api, String nodeId) {
        for (JsonNode node : api.get("/api/v1/consortia/" + consortium + "/nodes").json()) {
            if (node.get("nodeId").asText().equals(nodeId)) {
                return node;
            }
        }
        throw new AssertionError("no node " + nodeId);
    }

    @Test
    @Order(12)
    void the_organisation_admin_sees_certificates_with_expiry_and_exports_an_encrypted_bundle() {
        browser.open("/console/organizations");
        browser.waitForPath("/console/organizations/" + org1);
        assertThat(browser.find("#certificates-table").getText()).contains(CONSORTIUM).contains("Organisation admin");
        browser.type("#key-export input[name=passphrase]", "short");
        browser.type("#key-export input[name=currentPassword]", Fixtures.password("alice"));
        browser.click("#key-export button[type=submit]");
        assertThat(browser.find("#key-export .problem").getText()).contains("12 to 256 characters");
        // the bundle holds every private key: a signed-in browser alone does not export it
        browser.type("#key-export input[name=passphrase]", "a long enough passphrase");
        browser.type("#key-export input[name=currentPassword]", "not-alices-password");
        browser.click("#key-export button[type=submit]");
        assertThat(browser.find("#key-export .problem").getText()).contains("currentPassword is wrong");
        assertThat(browser.present("#key-export .result a")).isFalse();
        browser.type("#key-export input[name=currentPassword]", Fixtures.password("alice"));
        browser.click("#key-export button[type=submit]");
        assertThat(browser.find("#key-export .result a").getText()).isEqualTo("org1-keys.json");
        assertThat(browser.find("main").getText()).doesNotContain("PRIVATE KEY");
        browser.screenshot("20-organization");
    }

    @Test
    @Order(12)
    void the_organisation_admin_promotes_demotes_resets_the_password_of_and_removes_a_member() {
        browser.open("/console/organizations/" + org1);
        assertThat(browser.present("tr[data-member='alice'] button")).as("no actions on one's own row").isFalse();
        browser.type("#member-username", "dora");
        browser.type("#member-password", Fixtures.password("dora"));
        browser.click("#member-submit");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.present("tr[data-member='dora'] .member-role"));
        assertThat(browser.find("tr[data-member='dora']").getText()).contains("Member").contains("Make admin");

        browser.click("tr[data-member='dora'] .member-role");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("tr[data-member='dora']").getText().contains("Make member"));
        assertThat(browser.find("tr[data-member='dora']").getText()).contains("Organisation admin");
        browser.click("tr[data-member='dora'] .member-role");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("tr[data-member='dora']").getText().contains("Make admin"));

        browser.click("tr[data-member='dora'] details summary");
        browser.type("tr[data-member='dora'] input[name=password]", "short");
        browser.click("tr[data-member='dora'] form button[type=submit]");
        assertThat(browser.find("tr[data-member='dora'] .problem").getText()).contains("12 to 128 characters");
        browser.type("tr[data-member='dora'] input[name=password]", "dora-forgot-hers-2026");
        browser.click("tr[data-member='dora'] form button[type=submit]");
        assertThat(browser.find("tr[data-member='dora'] .member-password-set").getText()).contains("Password set");
        assertThat(platform.api().login("dora", "dora-forgot-hers-2026").get("/api/v1/me").status()).isEqualTo(200);
        browser.screenshot("20b-organization-members");

        browser.click("tr[data-member='dora'] .member-remove");
        browser.waitFor(Duration.ofSeconds(10), org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
                .accept();
        browser.waitFor(Duration.ofSeconds(30), d -> !browser.present("tr[data-member='dora']"));
        assertThat(browser.find("#members-table").getText()).contains("carol");
    }

    @Test
    @Order(13)
    void an_asset_is_created_transferred_and_its_history_shown() {
        browser.open("/console/consortia/" + consortium + "/contracts");
        browser.type("#asset-create input[name=assetId]", "crate-42");
        browser.type("#asset-create input[name=description]", "42 crates of tea");
        browser.type("#asset-create input[name=value]", "1200");
        browser.click("#asset-create button[type=submit]");
        assertThat(browser.find("#asset-create .result").getText()).contains("transactionId");
        browser.type("#asset-transfer input[name=assetId]", "crate-42");
        browser.type("#asset-transfer input[name=newOwnerOrganization]", "org2");
        browser.click("#asset-transfer button[type=submit]");
        assertThat(browser.find("#asset-transfer .result").getText()).contains("transactionId");
        browser.type("#asset-history input[name=assetId]", "crate-42");
        browser.click("#asset-history button[type=submit]");
        assertThat(browser.find("#asset-history .result").getText()).contains("org1").contains("org2");
        browser.type("#asset-create input[name=assetId]", "bad id!");
        browser.click("#asset-create button[type=submit]");
        assertThat(browser.find("#asset-create .problem").getText()).contains("assetId");
        browser.screenshot("22-assets");
    }

    @Test
    @Order(13)
    void a_token_is_issued_transferred_and_the_balance_shown_with_the_account() {
        browser.open("/console/consortia/" + consortium + "/contracts");
        browser.type("#token-create input[name=symbol]", "TEA");
        browser.type("#token-create input[name=name]", "tea coupons");
        browser.type("#token-create input[name=initialSupply]", "500");
        browser.click("#token-create button[type=submit]");
        assertThat(browser.find("#token-create .result").getText()).contains("transactionId").contains("tea coupons");
        browser.type("#token-transfer input[name=symbol]", "TEA");
        browser.type("#token-transfer input[name=toAccount]", "org2/someone");
        browser.type("#token-transfer input[name=amount]", "120");
        browser.click("#token-transfer button[type=submit]");
        assertThat(browser.find("#token-transfer .result").getText()).contains("org2/someone").contains("380");
        browser.type("#token-balance input[name=symbol]", "TEA");
        browser.click("#token-balance button[type=submit]");
        assertThat(browser.find("#token-balance .result").getText()).contains("org1/").contains("380");
        browser.type("#token-transfer input[name=amount]", "1000");
        browser.click("#token-transfer button[type=submit]");
        assertThat(browser.find("#token-transfer .problem").getText()).contains("less than 1000");
        browser.screenshot("23-tokens");
    }

    /**
     * The "verify in this browser" button checks the page's receipt with receipt.js (see
     * ReceiptScriptIT for trees of several sizes): the real receipt of the P-256 channel passes,
     * and the same receipt with its verdict forged, a header field or the result altered is refused
     * with the step that failed.
     */
    @Test
    @Order(14)
    void a_tampered_receipt_is_refused_in_the_browser_with_the_failing_step() {
        browser.open("/console/consortia/" + consortium + "/explorer/main/transactions/" + transactionId);
        String receipt = browser.attribute("#verify-proof", "data-receipt");
        assertThat(verifyInBrowser(receipt)).isTrue();

        String forged = receipt.replace("\"code\" : \"VALID\"", "\"code\" : \"CONTRACT_REJECTED\"")
                .replace("\"codeNumber\" : 1,", "\"codeNumber\" : 12,");
        assertThat(forged).isNotEqualTo(receipt);
        assertThat(verifyInBrowser(forged)).isFalse();
        assertThat(browser.find("#proof-steps li.bad").getText()).contains("is not what the block recorded");
        assertThat(browser.find("#proof-verdict").getText()).contains("Refused");
        browser.screenshot("24-receipt-refused");

        java.util.regex.Matcher state = java.util.regex.Pattern.compile("\"stateHash\" : \"([0-9a-f])").matcher(receipt);
        assertThat(state.find()).isTrue();
        String header = receipt.substring(0, state.start(1)) + ("0".equals(state.group(1)) ? "1" : "0")
                + receipt.substring(state.end(1));
        assertThat(header).isNotEqualTo(receipt);
        assertThat(verifyInBrowser(header)).isFalse();
        assertThat(browser.find("#proof-steps li.bad").getText()).contains("not the block hash");

        String result = receipt.replaceFirst("\"result\" : \"7b", "\"result\" : \"5b");
        assertThat(result).isNotEqualTo(receipt);
        assertThat(verifyInBrowser(result)).isFalse();
    }

    /**
     * An SM2 consortium: its receipt is checked in the browser with SM3 up to the block hash, the
     * REST block detail carries every header field (the test recomputes the block hash from them),
     * the receipt file downloads, and a tampered receipt is refused.
     */
    @Test
    @Order(15)
    void an_sm2_channels_receipt_verifies_in_the_browser_with_sm3_and_a_tampered_one_is_refused() throws Exception {
        Api alice = platform.api().login("alice", Fixtures.password("alice"));
        Api.Response created = alice.post("/api/v1/consortia", Json.of("name", "SM2 Receipts", "signatureScheme", "SM2"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long sm2 = created.json().get("id").asLong();
        Api.Response started = alice.post("/api/v1/consortia/" + sm2 + "/network/deploy", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(Waits.deployment(alice, started.json().get("id").asLong()).get("status").asText()).isEqualTo("SUCCEEDED");
        String doc = Hashes.hex(Hashes.sm3().digest("sm2 receipt".getBytes(StandardCharsets.UTF_8)));
        Api.Response notarized = alice.post("/api/v1/consortia/" + sm2 + "/channels/main/notarizations",
                Json.of("documentHash", doc, "metadata", "国密"));
        assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
        String sm2Transaction = notarized.json().get("transactionId").asText();
        long number = notarized.json().get("blockNumber").asLong();
        String channelPath = "/api/v1/consortia/" + sm2 + "/channels/main";

        var detail = alice.get(channelPath + "/transactions/" + sm2Transaction).json();
        assertThat(detail.get("proof").get("hashFunction").asText()).isEqualTo("SM3");
        assertThat(detail.get("verdictProven").asBoolean()).as(detail.toString()).isTrue();
        Api.Response file = alice.get(channelPath + "/transactions/" + sm2Transaction + "/receipt");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition")).get().asString()
                .contains("attachment", "receipt-" + sm2Transaction + ".json");
        var read = io.consortia.sdk.ReceiptJson.read(file.body());
        assertThat(io.consortia.sdk.ProofVerifier.checkNotarization(read.info(), doc, read.hash()).failure()).isNull();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> alice.get(channelPath + "/blocks/" + number).status() == 200);
        var block = alice.get(channelPath + "/blocks/" + number).json().get("block");
        io.consortia.protocol.v1.BlockHeader header = io.consortia.protocol.v1.BlockHeader.newBuilder()
                .setChannel(block.get("channel").asText()).setNumber(block.get("number").asLong())
                .setPreviousHash(bytes(block, "previousHash")).setTransactionsRoot(bytes(block, "transactionsRoot"))
                .setStateHash(bytes(block, "stateHash")).setTimestampMillis(block.get("blockTimestampMillis").asLong())
                .setTransactionCount(block.get("transactionCount").asInt()).setResultsHash(bytes(block, "resultsHash"))
                .setVersion(block.get("version").asInt()).setReceiptsRoot(bytes(block, "receiptsRoot")).build();
        assertThat(block.get("version").asInt()).isEqualTo(1);
        assertThat(Hashes.hex(Hashes.sm3().digest(header.toByteArray()))).isEqualTo(block.get("hash").asText());

        browser.open("/console/consortia/" + sm2 + "/explorer/main/transactions/" + sm2Transaction);
        String receipt = browser.attribute("#verify-proof", "data-receipt");
        browser.click("#verify-proof");
        browser.waitFor(Duration.ofSeconds(10), d -> browser.attribute("#proof-verdict", "data-verified") != null);
        assertThat(browser.attribute("#proof-verdict", "data-verified")).isEqualTo("true");
        assertThat(browser.attribute("#proof-verdict", "data-verdict-proven")).isEqualTo("true");
        assertThat(browser.find("#proof-steps").getText()).contains("SM3(payload) = transaction id " + sm2Transaction,
                "SM3(canonical protobuf of the header of block " + number + ") = block hash " + block.get("hash").asText());
        browser.screenshot("25-sm2-receipt");

        String forged = receipt.replace("\"code\" : \"VALID\"", "\"code\" : \"CONTRACT_REJECTED\"")
                .replace("\"codeNumber\" : 1,", "\"codeNumber\" : 12,");
        assertThat(verifyInBrowser(forged)).isFalse();
        assertThat(browser.find("#proof-steps li.bad").getText()).contains("is not what the block recorded");

        Api.Response deleted = alice.delete("/api/v1/consortia/" + sm2 + "/network?confirm=SM2%20Receipts");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        Waits.deployment(alice, deleted.json().get("id").asLong());
    }

    private static com.google.protobuf.ByteString bytes(com.fasterxml.jackson.databind.JsonNode node, String field) {
        return com.google.protobuf.ByteString.copyFrom(Hashes.fromHex(node.get(field).asText()));
    }

    /** Puts a receipt file on the page's verify button, clicks it and returns the verdict. */
    private boolean verifyInBrowser(String receipt) {
        browser.script("document.getElementById('verify-proof').dataset.receipt = arguments[0];"
                + "document.getElementById('proof-verdict').removeAttribute('data-verified');", receipt);
        browser.click("#verify-proof");
        browser.waitFor(Duration.ofSeconds(10), d -> browser.attribute("#proof-verdict", "data-verified") != null);
        return "true".equals(browser.attribute("#proof-verdict", "data-verified"));
    }

    @Test
    @Order(20)
    void a_member_sees_the_consortium_but_no_admin_actions() {
        browser.signOut();
        browser.signIn("carol", Fixtures.password("carol"));
        assertThat(browser.find("#who-role").getText()).isEqualTo("Member");
        assertThat(browser.find("#consortia-table").getText()).contains(CONSORTIUM);
        browser.open("/console/consortia");
        assertThat(browser.present("#new-consortium")).isFalse();
        browser.open("/console/consortia/" + consortium);
        assertThat(browser.find("#consortium-status").getText()).isEqualTo("Running");
        assertThat(browser.present("#network-actions")).isFalse();
        assertThat(browser.present("#delete-network")).isFalse();
        browser.open("/console/consortia/" + consortium + "/nodes");
        assertThat(browser.all("#nodes-table tr[data-node]")).hasSize(2);
        assertThat(browser.present(".restart-node")).isFalse();
        assertThat(browser.present("#add-node")).isFalse();
        browser.open("/console/organizations/" + org1);
        assertThat(browser.find("#members-table").getText()).contains("alice").contains("carol");
        assertThat(browser.present("#member-create")).isFalse();
        assertThat(browser.present("#key-export")).isFalse();
        browser.screenshot("14-member-view");

        browser.open("/console/organizations");
        browser.waitForPath("/console/organizations/" + org1);
        browser.open("/console/consortia/" + consortium + "/setup");
        assertThat(browser.present("#deploy")).isFalse();
        assertThat(browser.present("#invite-form")).isFalse();
    }

    @Test
    @Order(21)
    void the_console_switches_to_chinese_and_back() {
        browser.open("/console");
        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30), d -> "zh-CN".equals(browser.find("html").getAttribute("lang")));
        assertThat(browser.find("header.topbar").getText()).contains("概览").contains("联盟").contains("退出登录");
        assertThat(browser.find("#who-role").getText()).isEqualTo("成员");
        browser.open("/console/consortia/" + consortium);
        assertThat(browser.find("#consortium-status").getText()).isEqualTo("运行中");
        assertThat(browser.find("#tab-explorer").getText()).isEqualTo("区块浏览器");
        browser.screenshot("15-chinese");
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#tab-explorer").getText().equals("Explorer"));
    }

    @Test
    @Order(22)
    void the_platform_admin_creates_an_organisation_and_sees_every_consortium() {
        browser.signOut();
        browser.signIn("admin", PlatformRunner.ADMIN_PASSWORD);
        assertThat(browser.find("#who-role").getText()).isEqualTo("Platform admin");
        assertThat(browser.find("#consortia-table").getText()).contains(CONSORTIUM);
        browser.open("/console/organizations");
        browser.type("#organization-name", "Bad Name!");
        browser.click("#organization-create button[type=submit]");
        assertThat(browser.find("#organization-create .problem").getText()).contains("name");
        browser.type("#organization-name", "org3");
        browser.click("#organization-create button[type=submit]");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().matches("/console/organizations/\\d+"));
        assertThat(browser.find("h1").getText()).contains("org3");
        browser.open("/console/organizations");
        assertThat(browser.find("#organizations-table").getText()).contains("org1").contains("org2").contains("org3");
        browser.screenshot("21-organizations");

        browser.type("#auditor-create input[name=username]", "audrey");
        browser.type("#auditor-create input[name=password]", Fixtures.password("audrey"));
        browser.click("#auditor-create button[type=submit]");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("main").getText().contains("audrey"));
        assertThat(browser.find("#platform-users-table").getText()).contains("admin Platform admin")
                .contains("audrey Auditor");
        assertNoMissingMessage();
        inChinese(() -> {
            assertThat(browser.find("#platform-users-table").getText()).contains("admin 平台管理员")
                    .contains("audrey 审计员");
            assertNoMissingMessage();
        });
    }

    @Test
    @Order(23)
    void an_auditor_reads_everything_but_gets_no_forms_that_change_anything() {
        browser.signOut();
        browser.signIn("audrey", Fixtures.password("audrey"));
        assertThat(browser.find("#who-role").getText()).isEqualTo("Auditor");
        assertThat(browser.find("#consortia-table").getText()).contains(CONSORTIUM);
        browser.open("/console/consortia/" + consortium + "/contracts");
        assertThat(browser.find("#contracts-read-only").getText()).contains("explorer");
        assertThat(browser.present("#notarize-form")).isFalse();
        assertThat(browser.present("#asset-create")).isFalse();
        assertThat(browser.present("#token-transfer")).isFalse();
        // reading contract state is reading: the role table lets auditors (issue 16, item 16)
        browser.type("#asset-history input[name=assetId]", "crate-42");
        browser.click("#asset-history button[type=submit]");
        assertThat(browser.find("#asset-history .result").getText()).contains("org1").contains("org2");
        browser.open("/console/consortia/" + consortium + "/explorer");
        assertThat(browser.find("#latest-transactions").getText()).contains(transactionId.substring(0, 10));
        browser.open("/console/consortia/" + consortium + "/nodes");
        assertThat(browser.present(".restart-node")).isFalse();
        browser.open("/console/organizations");
        assertThat(browser.present("#organization-create")).isFalse();
    }

    @Test
    @Order(24)
    void the_leader_deletes_the_network_only_after_typing_the_consortium_name() {
        browser.signOut();
        browser.signIn("alice", Fixtures.password("alice"));
        browser.open("/console/consortia/" + consortium);
        browser.click("#delete-network");
        org.openqa.selenium.Alert wrong = browser.waitFor(Duration.ofSeconds(10),
                org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
        wrong.sendKeys("wrong name");
        wrong.accept();
        assertThat(browser.find("#network-actions .problem").getText()).contains("repeat the consortium's name");
        assertThat(browser.find("#consortium-status").getText()).isEqualTo("Running");

        browser.click("#delete-network");
        org.openqa.selenium.Alert right = browser.waitFor(Duration.ofSeconds(10),
                org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
        right.sendKeys(CONSORTIUM);
        right.accept();
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().contains("deployment="));
        browser.waitFor(Duration.ofMinutes(2), d -> !"RUNNING".equals(browser.attribute("#deployment-progress", "data-status")));
        assertThat(browser.attribute("#deployment-progress", "data-status")).isEqualTo("SUCCEEDED");
        browser.open("/console/consortia/" + consortium);
        assertThat(browser.find("#consortium-status").getText()).isEqualTo("Not deployed");
        browser.open("/console/consortia/" + consortium + "/nodes");
        assertThat(browser.find("main").getText()).contains("No nodes yet");
    }
}
