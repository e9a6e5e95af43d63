package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The Members tab's invitations in real headless Chromium, without a network: the leader (Li)
 * withdraws a pending invitation after confirming, in English and in Chinese, and the invited
 * bank's admin (Zhao) can no longer accept it but reads on the dashboard that it was withdrawn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class InvitationsConsoleIT {
    private PlatformRunner platform;
    private Browser browser;
    private Api li;
    private Api zhao;
    private long bank;
    private long consortium;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        long leader = Fixtures.organization(admin, "li-bank");
        bank = Fixtures.organization(admin, "zhao-bank");
        li = Fixtures.member(admin, leader, "li-admin", "ADMIN");
        zhao = Fixtures.member(admin, bank, "zhao-admin", "ADMIN");
        consortium = Fixtures.consortium(li, "Withdrawal Alliance");
        browser = new Browser("http://127.0.0.1:" + platform.port());
    }

    @AfterAll
    void stop() {
        Closing.all(browser, platform);
    }

    private String page() {
        return "/console/consortia/" + consortium + "/members";
    }

    @Test
    @Order(1)
    void the_leader_withdraws_a_pending_invitation_after_confirming() {
        long invitation = Fixtures.invite(li, consortium, bank);
        browser.signIn("li-admin", Fixtures.password("li-admin"));
        browser.open(page());
        String pending = "#invitations-table tr[data-status=PENDING]";
        assertThat(browser.find(pending).getText()).contains("zhao-bank").contains("Waiting for an answer");
        assertThat(browser.find(pending + " .withdraw-invitation").getText()).isEqualTo("Withdraw");
        // when it was sent and when it lapses, as the API's createdAt and expiresAt say
        JsonNode sent = li.get("/api/v1/consortia/" + consortium + "/invitations").json().get(0);
        assertThat(browser.find(pending + " .invitation-dates").getText()).isEqualTo("sent "
                + new io.consortia.platform.console.Formats().time(sent.get("createdAt").asLong()) + " · expires "
                + new io.consortia.platform.console.Formats().time(sent.get("expiresAt").asLong()) + " unanswered");

        // declining the confirmation changes nothing
        browser.script("window.confirm = text => { window.asked = text; return false; };");
        browser.click(pending + " .withdraw-invitation");
        assertThat(browser.script("return window.asked;").toString()).contains("Withdraw the invitation to zhao-bank");
        assertThat(zhao.get("/api/v1/invitations").json().get(0).get("status").asText()).isEqualTo("PENDING");

        browser.script("window.confirm = () => true;");
        browser.click(pending + " .withdraw-invitation");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.present("#invitations-table tr[data-status=WITHDRAWN]"));
        assertThat(browser.find("#invitations-table tr[data-status=WITHDRAWN]").getText()).contains("Withdrawn");
        assertThat(browser.present("#invitations-table .withdraw-invitation")).isFalse();
        browser.screenshot("invitations-01-withdrawn");

        Api.Response late = zhao.post("/api/v1/invitations/" + invitation + "/accept", "");
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.json().get("detail").asText()).contains("withdrawn");
    }

    @Test
    @Order(2)
    void the_page_reads_in_chinese_and_the_bank_can_be_invited_again() {
        Fixtures.invite(li, consortium, bank);
        browser.open(page());
        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30),
                d -> browser.find("#invitations-table tr[data-status=PENDING] .withdraw-invitation").getText()
                        .equals("撤回"));
        assertThat(browser.find("#invitations-table tr[data-status=PENDING]").getText()).contains("等待答复");
        assertThat(browser.find("#invitations-table tr[data-status=WITHDRAWN]").getText()).contains("已撤回");
        assertThat(browser.attribute("#invitations-table tr[data-status=PENDING] .withdraw-invitation",
                "data-confirm")).contains("撤回对 zhao-bank 的邀请");
        browser.screenshot("invitations-02-zh");
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30),
                d -> browser.find("#invitations-table tr[data-status=PENDING] .withdraw-invitation").getText()
                        .equals("Withdraw"));
        browser.signOut();
    }

    @Test
    @Order(3)
    void the_banks_dashboard_still_says_that_the_first_invitation_was_withdrawn_and_when() {
        browser.signIn("zhao-admin", Fixtures.password("zhao-admin"));
        browser.open("/console");
        assertThat(browser.find("#pending-invitations").getText()).contains("Withdrawal Alliance");
        String withdrawn = "#ended-invitations tr[data-status=WITHDRAWN]";
        assertThat(browser.find(withdrawn).getText()).contains("Withdrawal Alliance").contains("Withdrawn")
                .contains("Withdrawn by the consortium leader (li-admin) on ").contains(" UTC");
        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find(withdrawn).getText().contains("已被盟主（li-admin）撤回"));
        browser.screenshot("invitations-03-bank-dashboard-zh");
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find(withdrawn).getText().contains("Withdrawn by"));
        browser.signOut();
    }
}
