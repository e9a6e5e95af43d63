package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Applications page in headless Chromium, English and Chinese: an organisation admin
 * registers an application, issues a key and sees its secret once, then revokes it; a member
 * of the organisation sees the page without the forms and delete buttons; the admin then deletes
 * the key and the application, each after confirming. No network is needed: an organisation
 * is enrolled in a consortium (and its CA exists) as soon as it is a member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationsConsoleIT {
    private PlatformRunner platform;
    private Browser browser;
    private long org1;
    private Api alice;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        org1 = Fixtures.organization(admin, "org1");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        Fixtures.member(admin, org1, "carol", "MEMBER");
        Fixtures.consortium(alice, "Gateway Alliance");
        browser = new Browser("http://127.0.0.1:" + platform.port());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
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
        browser.click("#application-erp button.delete-application");
        browser.waitFor(Duration.ofSeconds(10), d -> d.switchTo().alert()).accept();
        browser.waitFor(Duration.ofSeconds(30), d -> !d.findElements(org.openqa.selenium.By.cssSelector(
                "#applications-empty")).isEmpty());
        assertThat(alice.get("/api/v1/organizations/" + org1 + "/applications").json()).isEmpty();
        browser.signOut();
    }
}
