package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console on a phone (390 x 844) in real headless Chromium, English and Chinese: a tester found
 * it overflowing sideways (scrollWidth 439-574 px), Chinese labels one character per line and Sign
 * out off-screen. Screenshots go to target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MobileConsoleIT {
    private PlatformRunner platform;
    private Browser browser;
    private long consortium;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        long leader = Fixtures.organization(admin, "mobile-leader");
        long member = Fixtures.organization(admin, "mobile-member");
        Api leaderAdmin = Fixtures.member(admin, leader, "liwei", "ADMIN");
        Api memberAdmin = Fixtures.member(admin, member, "zhao", "ADMIN");
        consortium = Fixtures.consortium(leaderAdmin, "长三角供应链金融联盟 Yangtze Delta Supply Chain Finance");
        Fixtures.accept(memberAdmin, Fixtures.invite(leaderAdmin, consortium, member));
        browser = new Browser("http://127.0.0.1:" + platform.port());
        // a phone's viewport, as its browser reports it (the layout honours width=device-width)
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    }

    @AfterAll
    void stop() {
        Closing.all(browser, platform);
    }

    @Test
    void at_phone_width_no_page_scrolls_sideways_and_sign_out_is_on_screen() {
        browser.signIn("liwei", Fixtures.password("liwei"));
        List<String> pages = List.of("/console", "/console/consortia/" + consortium,
                "/console/consortia/" + consortium + "/nodes", "/console/consortia/" + consortium + "/contracts");
        for (String language : List.of("en", "zh-CN")) {
            for (String page : pages) {
                browser.open(page + "?lang=" + language);
                browser.find("#sign-out");
                browser.screenshot("mobile-" + language + page.replace('/', '_'));
                @SuppressWarnings("unchecked")
                List<Number> widths = (List<Number>) browser.script("return [document.documentElement.scrollWidth,"
                        + " window.innerWidth, document.getElementById('sign-out').getBoundingClientRect().right,"
                        + " document.getElementById('nav-consortia').getBoundingClientRect().height,"
                        + " parseFloat(getComputedStyle(document.getElementById('nav-consortia')).lineHeight)]");
                String where = language + " " + page + " " + widths;
                assertThat(widths.get(1).intValue()).as(where).isEqualTo(390);
                assertThat(widths.get(0).intValue()).as(where).isLessThanOrEqualTo(widths.get(1).intValue());
                assertThat(widths.get(2).doubleValue()).as(where).isLessThanOrEqualTo(widths.get(1).doubleValue());
                // a label on one line: 联盟 / Consortia not broken one character per line
                assertThat(widths.get(3).doubleValue()).as(where).isLessThan(widths.get(4).doubleValue() * 1.5);
            }
        }
    }
}
