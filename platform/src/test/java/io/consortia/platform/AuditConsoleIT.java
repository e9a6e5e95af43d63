package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/**
 * The audit page in real headless Chromium: an auditor finds the records, filters them, verifies
 * the chain and switches to Chinese; an organisation admin sees their organisation's part; a
 * member is not offered the page. Screenshots go to target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class AuditConsoleIT {
    private PlatformRunner platform;
    private Browser browser;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        long orgA = Fixtures.organization(admin, "audit-a");
        long orgB = Fixtures.organization(admin, "audit-b");
        Api aAdmin = Fixtures.member(admin, orgA, "a-admin", "ADMIN");
        Fixtures.member(aAdmin, orgA, "a-member", "MEMBER");
        Fixtures.member(admin, orgB, "b-admin", "ADMIN");
        Fixtures.auditor(admin, "auditor");
        Fixtures.consortium(aAdmin, "Audited Alliance");
        Api auditor = platform.api().login("auditor", Fixtures.password("auditor"));
        await("the last change recorded").atMost(Duration.ofSeconds(30)).until(() -> auditor
                .get("/api/v1/audit/records?action=POST%20/api/v1/consortia").json().size() == 1);
        browser = new Browser("http://127.0.0.1:" + platform.port());
    }

    @AfterAll
    void stop() {
        Closing.all(browser, platform);
    }

    @Test
    @Order(1)
    void an_auditor_searches_filters_and_verifies_the_trail() {
        browser.signIn("auditor", Fixtures.password("auditor"));
        browser.click("#nav-audit");
        browser.waitForPath("/console/audit");
        assertThat(browser.find("h1").getText()).isEqualTo("Audit trail");
        assertThat(rows()).contains("a-admin", "b-admin", "POST /api/v1/consortia", "POST /api/v1/organizations");

        browser.type("#audit-actor", "a-admin");
        browser.click("#audit-go");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().contains("actor=a-admin"));
        for (WebElement row : browser.all("#audit-records tbody tr")) {
            assertThat(row.findElements(org.openqa.selenium.By.cssSelector("td")).get(2).getText()).startsWith("a-admin");
        }
        assertThat(browser.attribute("#audit-export-csv", "href")).contains("format=csv").contains("actor=a-admin");
        // the exports hold what the page shows: its days too, as the instants it searched
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String today = day.toString();
        String tomorrow = day.plusDays(1).toString();
        browser.open("/console/audit?actor=a-admin&from=" + today + "&to=" + today);
        assertThat(browser.attribute("#audit-export-json", "href")).contains("actor=a-admin")
                .contains("from=" + today + "T00:00:00Z").contains("to=" + tomorrow + "T00:00:00Z");

        browser.click("#audit-verify");
        assertThat(browser.find("#audit-verification").getText()).startsWith("Chain intact:");
        browser.screenshot("audit-01-auditor");

        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("h1").getText().equals("审计日志"));
        assertThat(browser.find("#nav-audit").getText()).isEqualTo("审计");
        assertThat(browser.find("#audit-export-json").getText()).isEqualTo("导出 JSON");
        browser.screenshot("audit-02-auditor-zh");
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("h1").getText().equals("Audit trail"));
        browser.signOut();
    }

    @Test
    @Order(2)
    void an_organisation_admin_sees_their_organisations_part_only() {
        browser.signIn("a-admin", Fixtures.password("a-admin"));
        browser.click("#nav-audit");
        browser.waitForPath("/console/audit");
        String rows = rows();
        assertThat(rows).contains("a-admin", "a-member").doesNotContain("b-admin");
        assertThat(browser.present("#audit-verify")).isFalse();
        browser.signOut();
    }

    @Test
    @Order(3)
    void a_member_is_not_offered_the_audit_page() {
        browser.signIn("a-member", Fixtures.password("a-member"));
        assertThat(browser.present("#nav-audit")).isFalse();
        browser.signOut();
    }

    private String rows() {
        return browser.find("#audit-records tbody").getText();
    }
}
