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

/**
 * The wizard in real headless Chromium: after step 1, Back and the same details submitted again
 * (to change the scheme) only said the name was taken, by the consortium the user had just created
 * (found by a tester). Now the refusal links that consortium's setup, and only for the user's own
 * organisation's undeployed consortium. Screenshots go to target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class WizardBackConsoleIT {
    private PlatformRunner platform;
    private Browser browser;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        long zhaoOrg = Fixtures.organization(admin, "wizard-zhao");
        long sunOrg = Fixtures.organization(admin, "wizard-sun");
        Fixtures.member(admin, zhaoOrg, "zhao", "ADMIN");
        Api sun = Fixtures.member(admin, sunOrg, "sun", "ADMIN");
        Fixtures.consortium(sun, "Sun Alliance");
        browser = new Browser("http://127.0.0.1:" + platform.port());
    }

    @AfterAll
    void stop() {
        Closing.all(browser, platform);
    }

    private void submitDetails(String name) {
        browser.type("#consortium-name", name);
        browser.click("#scheme-SM2");
        browser.click("#wizard-next");
    }

    /** The refusal shown and everything console.js does after it done (the form is no longer busy). */
    private void waitForTheRefusal() {
        browser.waitFor(Duration.ofSeconds(30), d -> Boolean.TRUE.equals(browser.script(
                "const f = document.getElementById('wizard-details'); const p = f.querySelector('.problem');"
                        + " return !p.hidden && !f.classList.contains('busy');")));
    }

    @Test
    @Order(1)
    void another_organisations_name_is_only_refused() {
        browser.signIn("zhao", Fixtures.password("zhao"));
        browser.open("/console/consortia/new?lang=zh-CN");
        submitDetails("Sun Alliance");
        waitForTheRefusal();
        assertThat(browser.find("#wizard-details .problem").getText()).contains("Sun Alliance");
        assertThat(browser.attribute("#wizard-continue", "hidden")).isNotNull();
        assertThat(browser.path()).startsWith("/console/consortia/new");
    }

    @Test
    @Order(2)
    void back_after_step_one_and_the_same_name_again_links_the_consortium_just_created() {
        browser.open("/console/consortia/new?lang=zh-CN");
        browser.type("#consortium-name", "Zhao Back Test");
        browser.click("#wizard-next");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().matches("/console/consortia/\\d+/setup"));
        String setup = browser.path();

        browser.driver().navigate().back();
        browser.waitForPath("/console/consortia/new");
        submitDetails("Zhao Back Test");
        waitForTheRefusal();
        browser.screenshot("wizard-back-resubmit-zh");
        assertThat(browser.find("#wizard-continue").getText()).contains("您的组织已创建同名联盟").contains("继续设置该联盟");
        assertThat(browser.attribute("#wizard-continue-link", "href")).isEqualTo(setup);
        browser.click("#wizard-continue-link");
        browser.waitForPath(setup);
    }
}
