package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.platform.deploy.DeploymentService;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

/**
 * The Applications page in headless Chromium, English and Chinese: an organisation admin
 * registers an application, issues a key and sees its secret once, then revokes it; a member
 * of the organisation sees the page without the forms and delete buttons; the admin then deletes
 * the key and the application, each after confirming, and the page says what the deletion did: the
 * application's certificate revoked and the operation putting that on chain, or (another operation
 * running) why it could not start, with a button that does it later, in Chinese and English. On the
 * Certificates tab the admin revokes an application's certificate with a reason and sees it revoked
 * (the table drawn again when the followed operation ends, no reload), and puts the organisation's
 * revocation list on chain again (a refusal told in place). A refused deletion is explained under the
 * application. No network is needed: an organisation is
 * enrolled in a consortium (and its CA exists) as soon as it is a member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationsConsoleIT {
    private PlatformRunner platform;
    private Browser browser;
    private long org1;
    private Api alice;
    private long consortium;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        org1 = Fixtures.organization(admin, "org1");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        Fixtures.member(admin, org1, "carol", "MEMBER");
        consortium = Fixtures.consortium(alice, "Gateway Alliance");
        browser = new Browser("http://127.0.0.1:" + platform.port());
    }

    @AfterAll
    void stop() {
        Closing.all(browser, platform);
    }

    @Test
    @Order(0)
    void the_certificates_tab_offers_no_revocation_list_to_put_on_chain_while_nothing_is_revoked() {
        browser.signIn("alice", Fixtures.password("alice"));
        try {
            browser.open("/console/consortia/" + consortium + "/certificates?lang=en");
            browser.find("#certificates-table");
            // the click would only be refused: nothing to put on chain
            assertThat(browser.present("#publish-revocations")).isFalse();
            assertThat(browser.present("button.publish-revocations")).isFalse();
        } finally {
            browser.signOut();
        }
    }

    @Test
    @Order(1)
    void an_admin_registers_an_application_issues_a_key_seen_once_and_revokes_and_deletes_it_in_english_and_chinese() {
        browser.signIn("alice", Fixtures.password("alice"));
        browser.open("/console/organizations/" + org1 + "?lang=en");
        browser.click("#applications-link");
        browser.waitForPath("/console/organizations/" + org1 + "/applications");
        assertThat(browser.find("h1").getText()).isEqualTo("Applications");
        assertThat(browser.find("#applications-empty").getText()).isEqualTo("No applications yet.");

        browser.type("#application-name", "erp");
        browser.type("#application-description", "Invoices");
        browser.click("#application-submit");
        browser.find("#application-erp");
        // no network here, so no channel: '*' (a named channel must be one the organisation is in)
        browser.type("#application-erp .key-create input[name=channels]", "*");
        browser.type("#application-erp .key-create input[name=contracts]", "notarization");
        browser.type("#application-erp .key-create input[name=functions]", "record, get");
        browser.click("#application-erp .key-create [type=submit]");
        String shown = browser.find("#application-erp .key-create .result").getText();
        assertThat(shown).contains("cs_sk_").contains("\"accessKeyId\"");
        browser.screenshot("gateway-01-key-issued");

        JsonNode keys = alice.get("/api/v1/organizations/" + org1 + "/applications").json();
        long application = keys.get(0).get("id").asLong();
        JsonNode listed = alice.get("/api/v1/organizations/" + org1 + "/applications/" + application + "/keys").json();
        assertThat(listed).hasSize(1);
        String accessKeyId = listed.get(0).get("accessKeyId").asText();
        assertThat(listed.get(0).get("channels").toString()).isEqualTo("[\"*\"]");
        assertThat(listed.get(0).get("functions").toString()).isEqualTo("[\"get\",\"record\"]");

        browser.open("/console/organizations/" + org1 + "/applications");
        assertThat(browser.find("#key-" + accessKeyId).getText()).contains(accessKeyId).contains("Active");
        assertThat(browser.driver().getPageSource()).doesNotContain("cs_sk_");

        browser.click("#key-" + accessKeyId + " button.revoke");
        browser.waitFor(Duration.ofSeconds(10), d -> d.switchTo().alert()).accept();
        browser.waitFor(Duration.ofSeconds(30), d -> d.findElement(org.openqa.selenium.By.cssSelector(
                "#key-" + accessKeyId)).getText().contains("Revoked"));

        browser.open("/console/organizations/" + org1 + "/applications?lang=zh-CN");
        assertThat(browser.find("h1").getText()).isEqualTo("应用");
        assertThat(browser.find("#key-" + accessKeyId).getText()).contains("已吊销");
        assertThat(browser.find("#application-submit").getText()).isEqualTo("注册应用");
        browser.screenshot("gateway-02-applications-zh");
        browser.open("/console/organizations/" + org1 + "/applications?lang=en");
        browser.signOut();

        browser.signIn("carol", Fixtures.password("carol"));
        browser.open("/console/organizations/" + org1 + "/applications");
        assertThat(browser.find("#application-erp").getText()).contains("erp");
        assertThat(browser.present("#application-create")).isFalse();
        assertThat(browser.present(".key-create")).isFalse();
        assertThat(browser.present("button.delete-key")).isFalse();
        assertThat(browser.present("button.delete-application")).isFalse();
        browser.signOut();

        // the admin deletes the key, then the application, each after confirming
        browser.signIn("alice", Fixtures.password("alice"));
        browser.open("/console/organizations/" + org1 + "/applications?lang=zh-CN");
        assertThat(browser.find("#key-" + accessKeyId + " button.delete-key").getText()).isEqualTo("删除");
        assertThat(browser.find("#application-erp button.delete-application").getText()).isEqualTo("删除应用");
        browser.open("/console/organizations/" + org1 + "/applications?lang=en");
        browser.click("#key-" + accessKeyId + " button.delete-key");
        browser.waitFor(Duration.ofSeconds(10), d -> d.switchTo().alert()).accept();
        browser.waitFor(Duration.ofSeconds(30), d -> d.findElements(org.openqa.selenium.By.cssSelector(
                "#key-" + accessKeyId)).isEmpty());
        assertThat(alice.get("/api/v1/organizations/" + org1 + "/applications/" + application + "/keys").json())
                .isEmpty();
        String erpSerial = certificateOf("app:erp").get("serial").asText();
        browser.click("#application-erp button.delete-application");
        browser.waitFor(Duration.ofSeconds(10), d -> d.switchTo().alert()).accept();
        // the page says what the deletion did: the certificate revoked, the operation putting that on chain
        assertThat(browser.find("#application-deleted").getText()).startsWith("Application deleted: erp");
        assertThat(browser.find("#application-deleted .deleted-certificate").getText())
                .startsWith("Its certificate is revoked").contains("app:erp").contains(erpSerial);
        WebElement operation = browser.find("#application-deleted .deleted-operation a");
        assertThat(operation.getText()).matches("#\\d+");
        assertThat(operation.getAttribute("href")).endsWith("/console/consortia/" + consortium
                + "/certificates?deployment=" + operation.getText().substring(1));
        assertThat(shown("#application-deleted .deleted-warning")).as("no warning").isFalse();
        assertThat(browser.present("#application-erp")).isFalse();
        assertThat(alice.get("/api/v1/organizations/" + org1 + "/applications").json()).isEmpty();
        browser.screenshot("gateway-03-application-deleted");
        browser.signOut();
    }

    @Test
    @Order(2)
    void deleting_an_application_while_its_revocation_cannot_go_on_chain_says_so_in_chinese_and_english() {
        long crm = register("crm");
        long ledger = register("ledger");
        browser.signIn("alice", Fixtures.password("alice"));
        // another operation runs on the consortium: the one putting the revocation on chain cannot start
        CountDownLatch release = new CountDownLatch(1);
        long busy = platform.bean(DeploymentService.class).operate("test", consortium, "TEST_BUSY",
                steps -> steps.step("Hold the consortium", null, () -> {
                    try {
                        return release.await(2, TimeUnit.MINUTES) ? "released" : "timed out";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "interrupted";
                    }
                })).id();
        try {
            browser.open("/console/organizations/" + org1 + "/applications?lang=zh-CN");
            browser.click("#application-crm button.delete-application");
            browser.waitFor(Duration.ofSeconds(10), d -> d.switchTo().alert()).accept();
            assertThat(browser.find("#application-deleted").getText()).startsWith("应用已删除： crm");
            assertThat(browser.find("#application-deleted .deleted-certificate").getText())
                    .startsWith("其证书已吊销").contains("用户 app:crm 序列号 ")
                    .endsWith("已吊销：停止运营（cessationOfOperation）：应用已删除");
            assertThat(browser.find("#application-deleted .deleted-warning").getText())
                    .startsWith("证书已在托管中吊销，但吊销未能写入链上")
                    .contains("Another deployment of consortium " + consortium + " is running")
                    .contains("/certificates/revocations/" + org1 + "/publish");
            assertThat(shown("#application-deleted .deleted-operation")).as("no operation").isFalse();
            assertThat(browser.find("#application-deleted .deleted-warning button.publish-revocations").getText())
                    .isEqualTo("将本组织的吊销列表写入链上");
            browser.screenshot("gateway-04-application-deleted-warning-zh");

            browser.open("/console/organizations/" + org1 + "/applications?lang=en");
            browser.click("#application-ledger button.delete-application");
            browser.waitFor(Duration.ofSeconds(10), d -> d.switchTo().alert()).accept();
            assertThat(browser.find("#application-deleted .deleted-warning").getText())
                    .startsWith("The certificate is revoked in custody, but the revocation could not be put on chain")
                    .contains("Application ledger is deleted");
            assertThat(browser.find("#application-deleted").getText()).startsWith("Application deleted: ledger");

            // once the other operation is over, the box's button puts the revocations on chain
            release.countDown();
            assertThat(Waits.deployment(alice, busy).get("status").asText()).isEqualTo("SUCCEEDED");
            browser.click("#application-deleted .deleted-warning button.publish-revocations");
            browser.waitFor(Duration.ofSeconds(30), d -> browser.path().startsWith(
                    "/console/consortia/" + consortium + "/certificates") && d.getCurrentUrl().contains("deployment="));
            browser.waitFor(Duration.ofSeconds(60), d -> !"RUNNING".equals(d.findElement(
                    org.openqa.selenium.By.id("deployment-progress")).getAttribute("data-status")));
            assertThat(browser.find("#deployment-progress").getText()).startsWith("Put revocations on chain");
            assertThat(browser.find("#deployment-progress").getAttribute("data-status")).isEqualTo("SUCCEEDED");
        } finally {
            release.countDown();
            browser.signOut();
        }
        assertThat(alice.get("/api/v1/organizations/" + org1 + "/applications").json())
                .noneSatisfy(a -> assertThat(a.get("id").asLong()).isIn(crm, ledger));
    }

    @Test
    @Order(3)
    void an_admin_revokes_an_application_s_certificate_on_the_certificates_page_giving_a_reason() {
        register("billing");
        String serial = certificateOf("app:billing").get("serial").asText();
        String page = "/console/consortia/" + consortium + "/certificates";
        String row = "#certificates-table tr[data-serial='" + serial + "']";
        browser.signIn("alice", Fixtures.password("alice"));
        browser.open(page + "?lang=zh-CN");
        assertThat(browser.find(row + " .revoke-certificate summary").getText()).isEqualTo("吊销…");
        browser.open(page + "?lang=en");
        assertThat(browser.find(row).getText()).contains("app:billing").contains("Valid");
        browser.click(row + " .revoke-certificate summary");
        browser.type(row + " .revoke-certificate input[name=reason]", "keyCompromise: the ERP laptop was stolen");
        browser.click(row + " .revoke-certificate button[type=submit]");
        browser.waitFor(Duration.ofSeconds(30), d -> d.getCurrentUrl().contains("deployment="));
        browser.waitFor(Duration.ofSeconds(60), d -> !"RUNNING".equals(d.findElement(
                org.openqa.selenium.By.id("deployment-progress")).getAttribute("data-status")));
        assertThat(browser.find("#deployment-progress").getText()).contains("Revoke a certificate");
        browser.screenshot("gateway-05-certificate-revoked");
        assertThat(browser.find("#deployment-progress").getAttribute("data-status")).isEqualTo("SUCCEEDED");
        // the table follows the operation's end, no reload needed
        browser.waitFor(Duration.ofSeconds(30), d -> "REVOKED".equals(browser.attribute(row, "data-status")));
        assertThat(browser.find(row).getText()).contains("Revoked by alice: keyCompromise: the ERP laptop was stolen");
        assertThat(browser.present(row + " .revoke-certificate")).isFalse();
        browser.open(page + "?lang=zh-CN");
        assertThat(browser.find(row).getText()).contains("已吊销")
                .contains("由 alice 吊销：密钥泄露（keyCompromise）：the ERP laptop was stolen");
        browser.open(page + "?lang=en");
        JsonNode revoked = alice.get("/api/v1/consortia/" + consortium + "/certificates").json().findParents("serial")
                .stream().filter(c -> serial.equals(c.get("serial").asText())).findFirst().orElseThrow();
        assertThat(revoked.get("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.get("revocationReason").asText()).isEqualTo("keyCompromise: the ERP laptop was stolen");
        browser.signOut();
    }

    @Test
    @Order(4)
    void a_refused_deletion_is_explained_under_the_application_not_in_the_form_issuing_keys() {
        long stale = register("stale");
        browser.signIn("alice", Fixtures.password("alice"));
        browser.open("/console/organizations/" + org1 + "/applications?lang=en");
        browser.find("#application-stale button.delete-application");
        // deleted meanwhile, e.g. in another tab: the page still offers it
        assertThat(alice.delete("/api/v1/organizations/" + org1 + "/applications/" + stale).status()).isEqualTo(200);
        browser.click("#application-stale button.delete-application");
        browser.waitFor(Duration.ofSeconds(10), d -> d.switchTo().alert()).accept();
        assertThat(browser.find("#application-stale > .problem").getText())
                .contains("Application " + stale + " does not exist");
        assertThat(shown("#application-stale .key-create .problem")).as("the key form's box").isFalse();
        assertThat(shown("#application-deleted")).isFalse();
        browser.signOut();
    }

    @Test
    @Order(5)
    void the_certificates_table_shows_what_the_followed_operation_changed_once_it_ends_without_a_reload() {
        long archive = register("archive");
        register("keeper");
        String serial = certificateOf("app:archive").get("serial").asText();
        String page = "/console/consortia/" + consortium + "/certificates";
        String row = "#certificates-table tr[data-serial='" + serial + "']";
        String typing = "#certificates-table tr[data-serial='" + certificateOf("app:keeper").get("serial").asText() + "']";
        // an operation that changes the inventory only when it is let go: the application deleted, its certificate revoked
        CountDownLatch release = new CountDownLatch(1);
        long followed = platform.bean(DeploymentService.class).operate("test", consortium, "TEST_BUSY",
                steps -> steps.step("Delete application archive", null, () -> {
                    try {
                        if (!release.await(2, TimeUnit.MINUTES)) {
                            return "timed out";
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "interrupted";
                    }
                    return "deleted: " + alice.delete("/api/v1/organizations/" + org1 + "/applications/" + archive)
                            .status();
                })).id();
        browser.signIn("alice", Fixtures.password("alice"));
        try {
            browser.open(page + "?deployment=" + followed + "&lang=en");
            assertThat(browser.attribute("#deployment-progress", "data-status")).isEqualTo("RUNNING");
            assertThat(browser.find(row).getAttribute("data-status")).isEqualTo("VALID");
            // meanwhile the admin is revoking another certificate: the form open, a reason half typed
            browser.click(typing + " .revoke-certificate summary");
            browser.type(typing + " .revoke-certificate input[name=reason]", "keyCompromise: the backup");
            release.countDown();
            browser.waitFor(Duration.ofSeconds(60), d -> !"RUNNING".equals(
                    browser.attribute("#deployment-progress", "data-status")));
            assertThat(browser.attribute("#deployment-progress", "data-status")).isEqualTo("SUCCEEDED");
            assertThat(certificateOf("app:archive").get("status").asText()).isEqualTo("REVOKED");
            // no reload: the table follows the operation's end
            browser.waitFor(Duration.ofSeconds(30), d -> "REVOKED".equals(browser.attribute(row, "data-status")));
            assertThat(browser.find(row).getText()).contains("Revoked");
            // the table drawn again kept the open form, its text and the caret: the admin types on
            assertThat(browser.script("return document.querySelector(arguments[0]).open",
                    typing + " .revoke-certificate")).isEqualTo(true);
            assertThat(browser.script("return document.activeElement === document.querySelector(arguments[0])",
                    typing + " .revoke-certificate input[name=reason]")).isEqualTo(true);
            browser.find(typing + " .revoke-certificate input[name=reason]").sendKeys(" tape was lost");
            assertThat(browser.find(typing + " .revoke-certificate input[name=reason]").getAttribute("value"))
                    .isEqualTo("keyCompromise: the backup tape was lost");
            assertThat(browser.path()).contains("deployment=" + followed);
        } finally {
            release.countDown();
            browser.signOut();
        }
    }

    @Test
    @Order(6)
    void an_admin_puts_the_organisation_s_revocation_list_on_chain_again_from_the_certificates_tab() {
        String page = "/console/consortia/" + consortium + "/certificates";
        // something to put on chain: a deleted application's certificate, revoked
        long vault = register("vault");
        JsonNode deleted = alice.delete("/api/v1/organizations/" + org1 + "/applications/" + vault).json();
        assertThat(Waits.deployment(alice, deleted.get("revocationOperationId").asLong()).get("status").asText())
                .isEqualTo("SUCCEEDED");

        // a member who may not publish does not see the button
        browser.signIn("carol", Fixtures.password("carol"));
        browser.open(page + "?lang=en");
        browser.find("#certificates-table");
        assertThat(browser.present("button.publish-revocations")).isFalse();
        browser.signOut();

        browser.signIn("alice", Fixtures.password("alice"));
        String button = "#publish-revocations-" + org1;
        CountDownLatch release = new CountDownLatch(1);
        long busy = platform.bean(DeploymentService.class).operate("test", consortium, "TEST_BUSY",
                steps -> steps.step("Hold the consortium", null, () -> {
                    try {
                        return release.await(2, TimeUnit.MINUTES) ? "released" : "timed out";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "interrupted";
                    }
                })).id();
        try {
            // refused while another operation runs: told in place, in the page's language
            browser.open(page + "?lang=zh-CN");
            assertThat(browser.find(button).getText()).isEqualTo("将 ORG1 的吊销列表写入链上");
            browser.click(button);
            assertThat(browser.find("#publish-revocations .problem").getText())
                    .startsWith("未能开始将吊销列表写入链上：")
                    .contains("Another deployment of consortium " + consortium + " is running");
            assertThat(browser.path()).startsWith(page).doesNotContain("deployment=");
            browser.open(page + "?lang=en");
            assertThat(browser.find(button).getText()).isEqualTo("Put ORG1's revocation list on chain");
            browser.click(button);
            assertThat(browser.find("#publish-revocations .problem").getText())
                    .startsWith("Could not start putting the revocation list on chain:")
                    .contains("Another deployment of consortium " + consortium + " is running");
            browser.screenshot("gateway-06-publish-revocations-refused");

            // once the other operation is over, the button starts it and the page follows it
            release.countDown();
            assertThat(Waits.deployment(alice, busy).get("status").asText()).isEqualTo("SUCCEEDED");
            browser.click(button);
            browser.waitFor(Duration.ofSeconds(30), d -> d.getCurrentUrl().contains("deployment="));
            browser.waitFor(Duration.ofSeconds(60), d -> !"RUNNING".equals(
                    browser.attribute("#deployment-progress", "data-status")));
            assertThat(browser.find("#deployment-progress").getText()).startsWith("Put revocations on chain");
            assertThat(browser.attribute("#deployment-progress", "data-status")).isEqualTo("SUCCEEDED");
        } finally {
            release.countDown();
            browser.signOut();
        }
    }

    private boolean shown(String css) {
        return browser.all(css).stream().anyMatch(WebElement::isDisplayed);
    }

    private long register(String name) {
        Api.Response registered = alice.post("/api/v1/organizations/" + org1 + "/applications",
                Json.of("consortiumId", consortium, "name", name));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("id").asLong();
    }

    private JsonNode certificateOf(String subject) {
        JsonNode inventory = alice.get("/api/v1/consortia/" + consortium + "/certificates").json();
        return inventory.findParents("subject").stream().filter(c -> subject.equals(c.get("subject").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(subject + " not in " + inventory));
    }
}
