package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Alerts tab in real headless Chromium, without a network: an organisation admin adds the
 * default rules with one click, is refused a bad rule, widens the certificate rule until the
 * organisation's certificates raise alerts, acknowledges one, adds a webhook (its secret shown
 * once) and reads the page in Chinese; narrowing the rule resolves the alerts. A member sees
 * the alerts but is offered no change. Screenshots go to target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class AlertsConsoleIT {
    private static final Duration EVALUATION = Duration.ofSeconds(90);
    private PlatformRunner platform;
    private Browser browser;
    private Api aAdmin;
    private long consortium;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2)
                .with("consortia.alerts.interval", "1s")
                .with("consortia.alerts.default-rules", "false") // the page's button creates them
                .start();
        Api admin = platform.admin();
        long orgA = Fixtures.organization(admin, "alerts-a");
        aAdmin = Fixtures.member(admin, orgA, "a-admin", "ADMIN");
        Fixtures.member(aAdmin, orgA, "a-member", "MEMBER");
        consortium = Fixtures.consortium(aAdmin, "Watched Alliance");
        browser = new Browser("http://127.0.0.1:" + platform.port());
    }

    @AfterAll
    void stop() {
        Closing.all(browser, platform);
    }

    private String page() {
        return "/console/consortia/" + consortium + "/alerts";
    }

    @Test
    @Order(1)
    void an_admin_adds_the_default_rules_with_one_click_and_is_refused_a_bad_rule() {
        browser.signIn("a-admin", Fixtures.password("a-admin"));
        browser.open("/console/consortia/" + consortium);
        browser.click("#tab-alerts");
        browser.waitForPath(page());
        assertThat(browser.find("#alerts-none").getText()).startsWith("No active alerts");
        assertThat(browser.present("#alert-rules")).isFalse();

        browser.click("#rules-defaults");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.all("#alert-rules tr[data-rule]").size() == 8);
        assertThat(browser.find("#alert-rules tr[data-kind=NODE_DOWN]").getText()).contains("Node down");
        // rules on node samples say whether they could be evaluated: not without the metrics scraper
        String expected = scrapesNodes() ? "Evaluated at" : "Not evaluated";
        browser.waitFor(EVALUATION, d -> {
            browser.open(page());
            return browser.find("#alert-rules tr[data-kind=HEIGHT_LAG] .evaluation").getText().startsWith(expected)
                    && browser.find("#alert-rules tr[data-kind=NODE_DOWN] .evaluation").getText()
                            .startsWith("Evaluated at");
        });

        new org.openqa.selenium.support.ui.Select(browser.find("#rule-kind")).selectByValue("HEIGHT_LAG");
        browser.type("#rule-threshold", "0");
        browser.click("#rule-create");
        WebElement problem = browser.find("#rule-new .problem");
        assertThat(problem.getText()).contains("threshold of a HEIGHT_LAG rule must be 1 to");
        browser.open(page());
        assertThat(browser.all("#alert-rules tr[data-rule]")).hasSize(8);
    }

    private boolean scrapesNodes() {
        try {
            platform.bean(io.consortia.platform.monitoring.NodeSamples.class);
            return true;
        } catch (org.springframework.beans.factory.NoSuchBeanDefinitionException e) {
            return false;
        }
    }

    @Test
    @Order(2)
    void certificates_within_the_widened_window_raise_alerts_that_the_admin_acknowledges() {
        browser.find("#alert-rules tr[data-kind=CERTIFICATE_EXPIRY] .rule-edit summary").click();
        browser.type("#alert-rules tr[data-kind=CERTIFICATE_EXPIRY] input[name=threshold]", "900");
        browser.find("#alert-rules tr[data-kind=CERTIFICATE_EXPIRY] .rule-edit button[type=submit]").click();
        browser.waitFor(Duration.ofSeconds(30),
                d -> browser.find("#alert-rules tr[data-kind=CERTIFICATE_EXPIRY]").getText().contains("900"));

        // the organisation's admin and client TLS certificates are valid for 825 days: within 900
        browser.waitFor(EVALUATION, d -> {
            browser.open(page());
            return browser.all("#alerts-active tr[data-kind=CERTIFICATE_EXPIRY]").size() == 2;
        });
        WebElement first = browser.all("#alerts-active tr[data-alert]").get(0);
        assertThat(first.getText()).contains("Certificate expiring").contains("expires in").contains("Open");
        String alertId = first.getAttribute("data-alert");
        first.findElement(By.cssSelector(".acknowledge")).click();
        browser.waitFor(Duration.ofSeconds(30), d -> "ACKNOWLEDGED".equals(
                browser.attribute("#alerts-active tr[data-alert='" + alertId + "']", "data-status")));
        assertThat(browser.find("#alerts-active tr[data-alert='" + alertId + "']").getText())
                .contains("Acknowledged by a-admin");
        assertThat(browser.present("#alerts-active tr[data-alert='" + alertId + "'] .acknowledge")).isFalse();
        browser.screenshot("alerts-01-active");
    }

    @Test
    @Order(3)
    void a_webhook_channel_shows_its_secret_once_and_the_page_reads_in_chinese() {
        browser.type("#channel-name", "ops");
        browser.type("#channel-url", "http://127.0.0.1:9/hook");
        browser.click("#channel-create");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#channel-result").getText().contains("whsec_"));
        browser.open(page());
        assertThat(browser.find("#alert-channels").getText()).contains("ops").contains("http://127.0.0.1:9/hook")
                .doesNotContain("whsec_");

        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#tab-alerts").getText().equals("告警"));
        assertThat(browser.find("#alerts-active-card h2").getText()).isEqualTo("当前告警");
        assertThat(browser.find("#alert-rules tr[data-kind=NODE_DOWN]").getText()).contains("节点宕机");
        assertThat(browser.find("#rules-defaults").getText()).isEqualTo("添加默认规则");
        // the summary the platform wrote reads in Chinese too, around the certificate's facts
        assertThat(browser.find("#alerts-active tr[data-kind=CERTIFICATE_EXPIRY]").getText())
                .contains("天后过期：请续期").doesNotContain("expires in").doesNotContain("renew it");
        browser.screenshot("alerts-02-zh");
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#tab-alerts").getText().equals("Alerts"));
    }

    @Test
    @Order(4)
    void narrowing_the_rule_resolves_its_alerts() {
        long ruleId = Long.parseLong(browser.attribute("#alert-rules tr[data-kind=CERTIFICATE_EXPIRY]", "data-rule"));
        Api.Response updated = aAdmin.put("/api/v1/consortia/" + consortium + "/alert-rules/" + ruleId,
                Json.of("threshold", 30));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        browser.waitFor(EVALUATION, d -> {
            browser.open(page());
            return browser.all("#alerts-resolved tr[data-kind=CERTIFICATE_EXPIRY]").size() == 2
                    && browser.present("#alerts-none");
        });
        assertThat(browser.find("#alerts-resolved").getText()).contains("The condition cleared");
        browser.screenshot("alerts-03-resolved");
        // the reason reads in Chinese too (the REST API keeps the English sentence)
        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#tab-alerts").getText().equals("告警"));
        assertThat(browser.find("#alerts-resolved").getText()).contains("告警条件已消除")
                .doesNotContain("The condition cleared");
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#tab-alerts").getText().equals("Alerts"));
        browser.signOut();
    }

    @Test
    @Order(5)
    void a_member_sees_the_alerts_but_is_offered_no_change() {
        browser.signIn("a-member", Fixtures.password("a-member"));
        browser.open(page());
        assertThat(browser.find("#alert-rules").getText()).contains("Certificate expiring");
        assertThat(browser.present("#alerts-resolved")).isTrue();
        assertThat(browser.present("#rule-new")).isFalse();
        assertThat(browser.present("#rules-defaults")).isFalse();
        assertThat(browser.present("#channel-new")).isFalse();
        assertThat(browser.present(".rule-delete")).isFalse();
        browser.signOut();
    }
}
