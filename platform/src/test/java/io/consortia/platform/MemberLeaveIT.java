package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An organisation leaves a consortium on its own, without a vote, on the platform with H2 and
 * without a network (as {@link ProposalVotesScenario} removes a member): the bank's admin (Zhao)
 * confirms "Leave the consortium" on the Members tab, in real headless Chromium; the removal runs
 * as an operation (LEAVE_CONSORTIUM) the leader follows on the Proposals tab, and is in the
 * membership history and the audit trail. The leader, a non-member and another organisation's
 * admin are refused with problem JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class MemberLeaveIT {
    private PlatformRunner platform;
    private Browser browser;
    private Api admin;
    private Api li;
    private Api zhao;
    private Api wang;
    private long lead;
    private long bank;
    private long insurer;
    private long consortium;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        admin = platform.admin();
        lead = Fixtures.organization(admin, "li-bank");
        bank = Fixtures.organization(admin, "zhao-bank");
        insurer = Fixtures.organization(admin, "wang-insurance");
        li = Fixtures.member(admin, lead, "li-admin", "ADMIN");
        zhao = Fixtures.member(admin, bank, "zhao-admin", "ADMIN");
        wang = Fixtures.member(admin, insurer, "wang-admin", "ADMIN");
        consortium = Fixtures.consortium(li, "Leaving Alliance");
        Fixtures.accept(zhao, Fixtures.invite(li, consortium, bank));
        Fixtures.accept(wang, Fixtures.invite(li, consortium, insurer));
        browser = new Browser("http://127.0.0.1:" + platform.port());
    }

    @AfterAll
    void stop() {
        Closing.all(browser, platform);
    }

    @Test
    @Order(1)
    void the_leader_and_another_organisations_admin_are_refused() {
        assertProblem(li.post(leavePath(lead), ""), 409, "leads consortium");
        assertProblem(wang.post(leavePath(bank), ""), 403, "Only an admin of organisation " + bank);
        assertThat(li.get("/api/v1/consortia/" + consortium + "/proposals").json()).isEmpty();
        assertThat(members()).containsExactlyInAnyOrder(lead, bank, insurer);

        // the leader is not offered leaving; a member's admin is, in English and in Chinese
        browser.signIn("li-admin", Fixtures.password("li-admin"));
        browser.open(page());
        assertThat(browser.present(".leave-consortium")).isFalse();
        browser.signOut();
    }

    @Test
    @Order(2)
    void the_banks_admin_leaves_after_confirming_and_the_leader_sees_the_operation() {
        browser.signIn("zhao-admin", Fixtures.password("zhao-admin"));
        browser.open(page());
        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find(".leave-consortium").getText().equals("退出联盟"));
        assertThat(browser.attribute(".leave-consortium", "data-confirm")).contains("确定让 zhao-bank 退出联盟 Leaving Alliance");
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30),
                d -> browser.find(".leave-consortium").getText().equals("Leave the consortium"));

        // declining the confirmation changes nothing
        browser.script("window.confirm = text => { window.asked = text; return false; };");
        browser.click(".leave-consortium");
        assertThat(browser.script("return window.asked;").toString())
                .contains("Take zhao-bank out of consortium Leaving Alliance?");
        assertThat(members()).contains(bank);

        browser.script("window.confirm = () => true;");
        browser.click(".leave-consortium");
        // the bank's admin follows the leave to its end, though the consortium is no longer theirs to see then
        browser.waitFor(Duration.ofSeconds(30), d -> browser.path().startsWith("/console/leaves/"));
        browser.waitFor(Duration.ofMinutes(2), d -> "APPLIED".equals(browser.attribute("#leave", "data-status")));
        assertThat(browser.find("#leave").getText()).contains("zhao-bank left consortium Leaving Alliance")
                .contains("Remove organisation " + bank + " from the consortium");
        assertThat(browser.present("#leave a[href='/console/consortia']")).isTrue();
        browser.screenshot("leave-01-left");
        browser.click("#lang-zh");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#leave").getText()
                .contains("zhao-bank 已退出联盟 Leaving Alliance"));
        browser.click("#lang-en");
        browser.waitFor(Duration.ofSeconds(30), d -> browser.find("#leave").getText().contains("left consortium"));

        JsonNode left = await("the leave applied").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> li.get("/api/v1/consortia/" + consortium + "/proposals").json().get(0),
                        p -> !List.of("APPROVED", "APPLYING").contains(p.get("status").asText()));
        assertThat(left.get("kind").asText()).isEqualTo("LEAVE_CONSORTIUM");
        assertThat(left.get("status").asText()).as(left.toString()).isEqualTo("APPLIED");
        assertThat(left.get("organizationId").asLong()).isEqualTo(bank);
        assertThat(left.get("proposedBy").asText()).isEqualTo("zhao-admin");
        assertThat(left.get("votes")).isEmpty();
        assertThat(members()).containsExactlyInAnyOrder(lead, insurer);

        List<JsonNode> operations = StreamSupport.stream(li.get("/api/v1/consortia/" + consortium + "/deployments")
                .json().spliterator(), false).filter(d -> "LEAVE_CONSORTIUM".equals(d.get("action").asText())).toList();
        assertThat(operations).hasSize(1);
        assertThat(operations.get(0).get("id").asLong()).isEqualTo(left.get("deploymentId").asLong());
        assertThat(operations.get(0).get("requestedBy").asText()).isEqualTo("zhao-admin");
        List<JsonNode> history = StreamSupport.stream(li.get("/api/v1/consortia/" + consortium + "/history").json()
                .spliterator(), false).filter(e -> e.get("organizationId").asLong() == bank
                        && "REMOVED".equals(e.get("event").asText())).toList();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("detail").asText()).startsWith("left on its own");
        JsonNode audited = await("the leave audited").atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/audit/records?actor=zhao-admin&action=leave").json(), r -> r.size() == 1);
        assertThat(audited.get(0).get("action").asText())
                .isEqualTo("POST /api/v1/consortia/{id}/members/{organizationId}/leave");
        assertThat(audited.get(0).get("status").asInt()).isEqualTo(202);

        // no longer a member: leaving again is refused, and the consortium is no longer the bank's to see
        assertProblem(zhao.post(leavePath(bank), ""), 404, "Consortium " + consortium + " does not exist");
        assertThat(zhao.get("/api/v1/consortia/" + consortium).status()).isEqualTo(404);
        browser.signOut();
        // its leave is the leaving organisation's admins' to follow, nobody else's
        browser.signIn("wang-admin", Fixtures.password("wang-admin"));
        browser.open("/console/leaves/" + left.get("id").asLong());
        assertThat(browser.present("#leave")).isFalse();
        browser.open("/console");
        browser.signOut();

        browser.signIn("li-admin", Fixtures.password("li-admin"));
        browser.open("/console/consortia/" + consortium + "/proposals");
        String row = "#proposals-table tr[data-proposal='" + left.get("id").asLong() + "']";
        assertThat(browser.find(row).getText()).contains("zhao-bank leaves the consortium")
                .contains("Applied on chain").contains("Show the steps");
        browser.screenshot("leave-02-leader-proposals");
        browser.signOut();
    }

    private void assertProblem(Api.Response response, int status, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains(detail);
    }

    private List<Long> members() {
        return StreamSupport.stream(li.get("/api/v1/consortia/" + consortium + "/members").json().spliterator(), false)
                .map(m -> m.get("organizationId").asLong()).toList();
    }

    private String leavePath(long organization) {
        return "/api/v1/consortia/" + consortium + "/members/" + organization + "/leave";
    }

    private String page() {
        return "/console/consortia/" + consortium + "/members";
    }
}
