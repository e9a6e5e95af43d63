package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract pages showed statuses as their codes (ACTIVE, FROZEN, OPEN, PENDING, DONE) in Chinese too. */
class ContractPagesTemplateTest {
    private static final Map<String, String> CHINESE = Map.of("ACTIVE", "生效中", "FROZEN", "已冻结", "REVOKED", "已撤销");
    private static final Map<String, String> ENGLISH = Map.of("ACTIVE", "Active", "FROZEN", "Frozen", "REVOKED", "Revoked");

    private static Map<String, Object> nullable(Map<String, Object> values, String... nulls) {
        Map<String, Object> map = new HashMap<>(values);
        for (String key : nulls) {
            map.put(key, null);
        }
        return map;
    }

    /** A proposal's view as LifecycleViews.Proposal gives it: no declines and able to pass unless told otherwise. */
    private static Map<String, Object> proposal(Object... keyValues) {
        Map<String, Object> map = new HashMap<>(Map.of("declines", List.of(), "canStillPass", true));
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> definition(String status) {
        return Map.of("name", "records", "version", "1.0.0", "sequence", 1L, "status", status, "policy", "MAJORITY",
                "codeHash", "abc", "functions", List.of());
    }

    private static String definitions(Locale locale, String status) {
        return ConsoleTemplates.render("console/user-contracts", "table#definitions", locale, Map.of(
                "consortium", Map.of("id", 7L), "channel", "main",
                "definitions", List.of(Map.of("definition", definition(status), "approvals", List.of()))));
    }

    private static String detail(Locale locale, String section, String status) {
        Map<String, Object> detail = nullable(Map.of("name", "records",
                "current", Map.of("definition", definition(status), "approvals", List.of()),
                "proposals", List.of(proposal("sequence", 2L, "action", "UPGRADE", "definition", definition(status),
                        "approvals", List.of(), "required", 2, "status", "OPEN", "digest", "d1"),
                        proposal("sequence", 1L, "action", "PROPOSE", "definition", definition(status),
                                "approvals", List.of(), "required", 2, "status", "COMMITTED", "digest", "d0"),
                        proposal("sequence", 1L, "action", "PROPOSE", "definition", definition(status),
                                "approvals", List.of(), "required", 2, "status", "STALE", "digest", "d2")),
                "history", List.of(Map.of("definition", definition(status), "blockNumber", 3L, "approvals", List.of())),
                "operations", List.of(nullable(Map.of("action", "PROPOSE", "status", "SUCCEEDED",
                        "requestedBy", "alice", "steps", List.of(nullable(Map.of("name", "Install records",
                                "status", "DONE"), "detail"))), "reason"))), "manifest");
        return render(locale, section, detail);
    }

    private static String render(Locale locale, String section, Map<String, Object> detail) {
        return render(locale, section, detail, SchemeChoice.ECDSA_P256);
    }

    /** The page's model carries the consortium itself, whose scheme is an enum, not its name. */
    private static String render(Locale locale, String section, Map<String, Object> detail, SchemeChoice scheme) {
        return ConsoleTemplates.render("console/user-contract", section, locale, Map.of(
                "consortium", new Consortium(7L, "Alliance", scheme, 1, "RAFT", "LOCAL", 1L, ConsortiumStatus.RUNNING,
                        0L), "channel", "main", "detail", detail,
                "isAdmin", false),
                Map.of("deploymentTexts", new DeploymentTexts(ConsoleTemplates.messages())));
    }

    /** A contract's operations as the lifecycle writes them: proposed, approved, committed, then a refused freeze. */
    private static String operations(Locale locale) {
        String committed = DeploymentTexts.CONTRACT_COMMITTED.of("records", "1.0.0", 1, "ACTIVE", "3fa0", "MAJORITY",
                "9b1c", "org1, org2", 7, "tx-7");
        List<ContractOperation> operations = List.of(
                new ContractOperation(3, 7, "main", "records", "FREEZE", "FAILED",
                        DeploymentTexts.CONTRACT_REFUSED_CALL.of("LIFECYCLE_INVALID", "records is revoked"), "alice",
                        5_000L, 6_000L, List.of(new ContractOperation.Step(
                                DeploymentTexts.PROPOSE_FREEZE.of("records", 2), "FAILED", null, 5_000L, 6_000L)),
                        Map.of()),
                new ContractOperation(2, 7, "main", "records", "COMMIT", "SUCCEEDED", null, "bob", 3_000L, 4_000L,
                        List.of(new ContractOperation.Step(DeploymentTexts.COMMIT_CONTRACT.of("records", 1), "DONE",
                                committed, 3_000L, 4_000L)), Map.of()),
                new ContractOperation(1, 7, "main", "records", "PROPOSE", "SUCCEEDED", null, "alice", 1_000L, 2_000L,
                        List.of(new ContractOperation.Step(DeploymentTexts.INSTALL_MODULE.of("records", "1.0.0", 5898),
                                        "DONE", "3fa0", 1_000L, 1_500L),
                                new ContractOperation.Step(DeploymentTexts.PROPOSE_CONTRACT.of("records", "1.0.0", 1,
                                        "MAJORITY", "; put: org1 / writer"), "DONE", "9b1c", 1_500L, 1_700L),
                                new ContractOperation.Step(DeploymentTexts.APPROVE_FOR.of("org1"), "DONE",
                                        DeploymentTexts.APPROVALS.of(1, 2),
                                        1_700L, 2_000L),
                                new ContractOperation.Step("Hold the contract", "DONE", "held by a test", 2_000L,
                                        2_000L)), Map.of()));
        Map<String, Object> detail = nullable(Map.of("name", "records", "proposals", List.of(), "history", List.of(),
                "operations", operations), "current", "manifest");
        return render(locale, "section#operations", detail);
    }

    private static String repository(Locale locale, String reviewStatus) {
        Map<String, Object> contractPackage = nullable(Map.of("id", 4L, "name", "records", "version", "1.0.0",
                "codeHash", "abc", "sizeBytes", 5898, "uploadedBy", "carol", "reviewStatus", reviewStatus), "reviewedBy", "reviewNote");
        return ConsoleTemplates.render("console/contract-repository", "table#packages", locale, Map.of(
                "consortium", Map.of("id", 7L), "packages", List.of(contractPackage), "canReview", false));
    }

    /**
     * The repository hashes uploads with SHA-256, a channel hashes code with its own hash (SM3 on an SM2
     * consortium), and both pages labelled the column just 代码哈希, so the two values looked like one hash
     * that did not match (found by a tester). The page then compared the scheme, an enum, with the string
     * 'SM2', never equal, so an SM2 channel's SM3 hash read "SHA-256"; this test fed the scheme as a string
     * and missed it (found by another tester).
     */
    @Test
    void each_code_hash_names_its_algorithm() {
        Map<String, Object> detail = nullable(Map.of("name", "records",
                "current", Map.of("definition", definition("ACTIVE"), "approvals", List.of()),
                "proposals", List.of(), "history", List.of(), "operations", List.of()), "manifest");
        assertThat(render(Locale.SIMPLIFIED_CHINESE, "section#current", detail, SchemeChoice.SM2))
                .contains(">代码哈希（SM3）<");
        assertThat(render(Locale.ENGLISH, "section#current", detail, SchemeChoice.SM2)).contains(">Code hash (SM3)<");
        assertThat(render(Locale.ENGLISH, "section#current", detail, SchemeChoice.ECDSA_P256))
                .contains(">Code hash (SHA-256)<");
        assertThat(repository(Locale.SIMPLIFIED_CHINESE, "REVIEWED")).contains(">代码哈希（SHA-256）<");
    }

    @Test
    void a_contract_definition_s_status_reads_in_the_reader_s_language_and_keeps_its_code() {
        CHINESE.forEach((code, label) -> {
            for (String page : List.of(definitions(Locale.SIMPLIFIED_CHINESE, code),
                    detail(Locale.SIMPLIFIED_CHINESE, "section#current", code),
                    detail(Locale.SIMPLIFIED_CHINESE, "section#history", code))) {
                assertThat(page).as(code).contains(">" + label + "<").contains("data-status=\"" + code + "\"")
                        .doesNotContain(">" + code + "<");
            }
            assertThat(definitions(Locale.ENGLISH, code)).as(code).contains(">" + ENGLISH.get(code) + "<");
            assertThat(detail(Locale.ENGLISH, "section#current", code)).as(code)
                    .contains(">" + ENGLISH.get(code) + "<");
        });
    }

    @Test
    void a_contract_proposal_s_and_operation_s_status_read_in_the_reader_s_language() {
        String chinese = detail(Locale.SIMPLIFIED_CHINESE, "section#proposals", "ACTIVE");
        Map.of("OPEN", "待批准", "COMMITTED", "已提交", "STALE", "已过时").forEach((code, label) ->
                assertThat(chinese).as(code).contains(">" + label + "<").contains("data-status=\"" + code + "\"")
                        .doesNotContain(">" + code + "<"));
        assertThat(detail(Locale.ENGLISH, "section#proposals", "ACTIVE")).contains(">Open<").contains(">Committed<")
                .contains(">Stale<");
        String operations = detail(Locale.SIMPLIFIED_CHINESE, "section#operations", "ACTIVE");
        assertThat(operations).contains(">成功<").contains(">已完成<").doesNotContain(">SUCCEEDED<")
                .doesNotContain(">DONE<");
        assertThat(detail(Locale.ENGLISH, "section#operations", "ACTIVE")).contains(">Succeeded<").contains(">Done<");
    }

    /**
     * Zhao approved Li's proposal (2 of 2): the page still offered her Approve, which the API
     * refuses (LIFECYCLE_ALREADY_APPROVED), and read "Open" (待批准) although it only waits for a commit.
     */
    @Test
    void a_proposal_the_reader_s_organisation_approved_offers_no_approve_and_reads_ready_to_commit() {
        Map<String, Object> proposal = proposal("sequence", 1L, "action", "PROPOSE", "definition", definition("ACTIVE"),
                "approvals", List.of(Map.of("organization", "li-org"), Map.of("organization", "zhao-org")),
                "required", 2, "status", "OPEN", "digest", "d1");
        Map<String, Object> waiting = proposal("sequence", 2L, "action", "UPGRADE", "definition", definition("ACTIVE"),
                "approvals", List.of(Map.of("organization", "li-org")), "required", 2, "status", "OPEN", "digest", "d2");
        Map<String, Object> detail = nullable(Map.of("name", "records", "proposals", List.of(proposal, waiting),
                "history", List.of(), "operations", List.of()), "current", "manifest");
        java.util.function.Function<Locale, String> page = locale -> ConsoleTemplates.render("console/user-contract",
                "section#proposals", locale, Map.of("consortium", Map.of("id", 7L), "channel", "main", "detail", detail,
                        "isAdmin", true, "approvedByMe", java.util.Set.of("d1")));
        String chinese = page.apply(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).doesNotContain("/proposals/1/d1/approve").contains("/proposals/1/d1/commit")
                .contains(">可提交<").contains("data-status=\"OPEN\"")
                // the other proposal waits for Zhao's approval: offered, and not committable yet
                .contains("/proposals/2/d2/approve").doesNotContain("/proposals/2/d2/commit").contains(">待批准<");
        assertThat(page.apply(Locale.ENGLISH)).contains(">Ready to commit<").contains(">Open<");
    }

    /**
     * After Install in the store, the leader (whose organisation approved on proposing) saw his
     * proposal on no page; once it had every approval nobody could reach Commit but by typing the
     * contract page's address (found by a tester). The channel's list shows every proposal in
     * progress, with its approvals, a link to the contract's page, whether it is ready, and Commit.
     */
    @Test
    void every_proposal_in_progress_is_listed_with_its_approvals_a_link_and_commit_when_ready() {
        Map<String, Object> ready = proposal("channel", "main", "contract", "asset-app", "sequence", 1L,
                "action", "PROPOSE", "definition", definition("ACTIVE"), "digest", "d1", "required", 2,
                "approvals", List.of(Map.of("organization", "org1"), Map.of("organization", "org2")));
        Map<String, Object> waitingOthers = proposal("channel", "main", "contract", "records", "sequence", 1L,
                "action", "PROPOSE", "definition", definition("ACTIVE"), "digest", "d2", "required", 2,
                "approvals", List.of(Map.of("organization", "org1")));
        Map<String, Object> waitingMine = proposal("channel", "main", "contract", "ledger", "sequence", 3L,
                "action", "UPGRADE", "definition", definition("ACTIVE"), "digest", "d3", "required", 2,
                "approvals", List.of(Map.of("organization", "org2")));
        java.util.function.Function<Locale, String> page = locale -> ConsoleTemplates.render("console/user-contracts",
                "section#in-progress", locale, Map.of("consortium", Map.of("id", 7L), "channel", "main",
                        "isAdmin", true, "myOrganization", "org1",
                        "inProgress", List.of(ready, waitingOthers, waitingMine)));
        String english = page.apply(Locale.ENGLISH);
        assertThat(english).contains("href=\"/console/consortia/7/user-contracts/main/asset-app\"",
                        "href=\"/console/consortia/7/user-contracts/main/records\"",
                        "href=\"/console/consortia/7/user-contracts/main/ledger\"")
                .contains(">2 / 2<", ">1 / 2<", "> org1<", "> org2<")
                .contains(">Ready to commit<", ">Waiting for 1 more approval(s)<",
                        ">Waiting for your organisation&#39;s approval<")
                // ready: Commit, and no Approve for the organisation that approved it
                .contains("/api/v1/consortia/7/channels/main/user-contracts/asset-app/proposals/1/d1/commit")
                .doesNotContain("/asset-app/proposals/1/d1/approve")
                // waiting for others: nothing to press for org1, which approved
                .doesNotContain("/records/proposals/1/d2/approve", "/records/proposals/1/d2/commit")
                // waiting for org1: Approve, not Commit
                .contains("/ledger/proposals/3/d3/approve").doesNotContain("/ledger/proposals/3/d3/commit");
        assertThat(page.apply(Locale.SIMPLIFIED_CHINESE)).contains(">此通道上进行中的提案<", ">可提交<", ">还需 1 个批准<",
                ">等待本组织审批<", ">升级<");
        // an auditor (no organisation) reads the same list without buttons
        String auditor = ConsoleTemplates.render("console/user-contracts", "section#in-progress", Locale.ENGLISH,
                nullable(Map.of("consortium", Map.of("id", 7L), "channel", "main", "isAdmin", false,
                        "inProgress", List.of(ready, waitingOthers)), "myOrganization"));
        assertThat(auditor).contains(">Ready to commit<", ">Waiting for 1 more approval(s)<",
                "href=\"/console/consortia/7/user-contracts/main/asset-app\"").doesNotContain("/commit", "/approve");
        assertThat(ConsoleTemplates.render("console/user-contracts", "section#in-progress", Locale.SIMPLIFIED_CHINESE,
                Map.of("consortium", Map.of("id", 7L), "channel", "main", "inProgress", List.of())))
                .contains(">此通道上没有进行中的提案。<");
    }

    /**
     * An organisation that disagreed could only leave a proposal unapproved, and nobody learnt why (testers Zhao
     * and Li). The contract's page offers Decline with a reason next to Approve, shows who declined and why, and
     * a proposal that can no longer pass says so and offers no Commit.
     */
    @Test
    void the_contract_page_offers_decline_with_a_reason_and_shows_who_declined_and_why() {
        Map<String, Object> declined = proposal("sequence", 1L, "action", "PROPOSE", "definition", definition("ACTIVE"),
                "approvals", List.of(Map.of("organization", "li-org")), "required", 2, "status", "OPEN", "digest", "d1",
                "declines", List.of(Map.of("organization", "wang-org", "approver", "admin", "reason", "费率过高 & <b>")),
                "canStillPass", true);
        Map<String, Object> dead = proposal("sequence", 2L, "action", "UPGRADE", "definition", definition("ACTIVE"),
                "approvals", List.of(Map.of("organization", "li-org"), Map.of("organization", "zhao-org")),
                "required", 3, "status", "OPEN", "digest", "d2", "canStillPass", false,
                "declines", List.of(Map.of("organization", "wang-org", "approver", "admin", "reason", "no")));
        Map<String, Object> detail = nullable(Map.of("name", "records", "proposals", List.of(declined, dead),
                "history", List.of(), "operations", List.of()), "current", "manifest");
        java.util.function.Function<Locale, String> page = locale -> ConsoleTemplates.render("console/user-contract",
                "section#proposals", locale, Map.of("consortium", Map.of("id", 7L), "channel", "main", "detail", detail,
                        "isAdmin", true, "approvedByMe", java.util.Set.of(), "declinedByMe", java.util.Set.of("d2")));
        String english = page.apply(Locale.ENGLISH);
        assertThat(english).contains(">Declined by<", ">wang-org<", ">费率过高 &amp; &lt;b&gt;<")
                // (the section alone has no base address: the page's main element gives it)
                .containsPattern("<form class=\"decline-form\"[^>]* data-api=\"[^\"]*/proposals/1/d1/decline\"")
                .contains("name=\"reason\"", "maxlength=\"500\"", ">Reason for declining<", ">Decline<")
                .contains("/proposals/1/d1/approve")
                // declined by the reader already: no second Decline; dead: no Commit, still Approve (to change its mind)
                .doesNotContain("/proposals/2/d2/decline", "/proposals/2/d2/commit").contains("/proposals/2/d2/approve")
                .contains("data-status=\"DEAD\"", ">Can no longer pass: too many organisations declined<");
        assertThat(page.apply(Locale.SIMPLIFIED_CHINESE)).contains(">拒绝方<", ">拒绝理由<", ">拒绝<",
                ">已无法通过：拒绝的组织过多<", ">费率过高 &amp; &lt;b&gt;<");
    }

    /** The channel's list shows declines with their reasons, and a proposal that can no longer pass offers no Commit. */
    @Test
    void the_channel_s_proposals_show_declines_and_those_that_can_no_longer_pass() {
        Map<String, Object> dead = proposal("channel", "main", "contract", "asset-app", "sequence", 1L,
                "action", "PROPOSE", "definition", definition("ACTIVE"), "digest", "d1", "required", 2,
                "approvals", List.of(Map.of("organization", "org1"), Map.of("organization", "org2")),
                "canStillPass", false,
                "declines", List.of(Map.of("organization", "org3", "approver", "admin", "reason", "wrong fee")));
        Map<String, Object> declinedByMe = proposal("channel", "main", "contract", "records", "sequence", 1L,
                "action", "PROPOSE", "definition", definition("ACTIVE"), "digest", "d2", "required", 2,
                "approvals", List.of(Map.of("organization", "org2")),
                "declines", List.of(Map.of("organization", "org1", "approver", "admin", "reason", "not yet")));
        java.util.function.Function<Locale, String> page = locale -> ConsoleTemplates.render("console/user-contracts",
                "section#in-progress", locale, Map.of("consortium", Map.of("id", 7L), "channel", "main",
                        "isAdmin", true, "myOrganization", "org1", "inProgress", List.of(dead, declinedByMe)));
        assertThat(page.apply(Locale.ENGLISH)).contains(">org3<", ">wrong fee<", ">not yet<",
                        ">Can no longer pass: too many organisations declined<", ">Your organisation declined it<")
                .doesNotContain("/asset-app/proposals/1/d1/commit");
        assertThat(page.apply(Locale.SIMPLIFIED_CHINESE)).contains(">已无法通过：拒绝的组织过多<", ">本组织已拒绝<");
    }

    /** A proposal waiting for the reader's organisation that already has enough approvals offers Commit too. */
    @Test
    void a_proposal_waiting_for_the_reader_that_has_its_approvals_offers_commit() {
        Map<String, Object> waiting = proposal("channel", "main", "contract", "asset-app", "sequence", 1L,
                "action", "PROPOSE", "definition", definition("ACTIVE"), "digest", "d1", "required", 2,
                "approvals", List.of(Map.of("organization", "org1"), Map.of("organization", "org2")));
        String chinese = ConsoleTemplates.render("console/user-contracts", "section#waiting", Locale.SIMPLIFIED_CHINESE,
                Map.of("consortium", Map.of("id", 7L), "isAdmin", true, "waiting", List.of(waiting)));
        assertThat(chinese).contains(">可提交<", "/asset-app/proposals/1/d1/approve", "/asset-app/proposals/1/d1/commit",
                "href=\"/console/consortia/7/user-contracts/main/asset-app\"");
    }

    /**
     * "Verify a file" printed the API's JSON (English keys, epoch millis, a 2.9 kB base64 receipt that
     * widened the page to 16,737 px); an unknown document was an English error box (found by a tester).
     * The form asks console.js to tell the answer, with the sentences in the reader's language.
     */
    @Test
    void the_verify_answer_is_told_in_the_reader_s_language_with_links_to_the_explorer() {
        java.util.function.Function<Locale, String> form = locale -> ConsoleTemplates.render("console/contracts",
                "form#verify-form", locale, Map.of("consortium", Map.of("id", 7L), "channel", "main"));
        String english = form.apply(Locale.ENGLISH);
        assertThat(english).contains("data-answer=\"notarization\"", "data-channel=\"main\"",
                "data-explorer=\"/console/consortia/7/explorer/main\"",
                "data-text-yes=\"Notarized: recorded by {0} ({1}) on {2}, in block {3} of channel {4}, transaction {5}.\"",
                "data-text-no=\"Not notarized: channel {0} has no record of this file (SHA-256 {1}).\"",
                "data-text-proof-ok=\"Proof verified:", "data-text-proof-bad=\"Proof NOT verified:",
                "data-text-download=\"Download the answer with its receipt (JSON)\"");
        assertThat(form.apply(Locale.SIMPLIFIED_CHINESE)).contains(
                "data-text-yes=\"已存证：由 {0}（{1}）于 {2} 记录在通道 {4} 的区块 {3}，交易 {5}。\"",
                "data-text-no=\"未存证：通道 {0} 上没有此文件的记录（SHA-256 {1}）。\"", "data-text-proof-ok=\"证明已验证：",
                "data-text-download=\"下载含回执的应答（JSON）\"");
    }

    /** The propose form's policy select read MAJORITY / ANY / ALL in Chinese too; the pages name them elsewhere. */
    @Test
    void the_propose_form_s_policies_read_in_the_reader_s_language_and_send_their_codes() {
        java.util.function.Function<Locale, String> form = locale -> ConsoleTemplates.render("console/user-contracts",
                "form#propose-form", locale, Map.of("consortium", Map.of("id", 7L), "channel", "main",
                        "reviewed", List.of(Map.of("id", 4L, "name", "records", "version", "1.0.0"))));
        assertThat(form.apply(Locale.SIMPLIFIED_CHINESE)).contains("<option value=\"MAJORITY\">多数组织同意</option>",
                "<option value=\"ANY\">任一组织同意</option>", "<option value=\"ALL\">全部组织同意</option>");
        assertThat(form.apply(Locale.ENGLISH)).contains("<option value=\"MAJORITY\">Majority of organisations</option>");
    }

    @Test
    void a_contract_version_s_review_status_reads_in_the_reader_s_language_and_keeps_its_code() {
        Map<String, String> english = Map.of("PENDING", "Awaiting review", "REVIEWED", "Reviewed", "REJECTED", "Rejected");
        Map.of("PENDING", "待审核", "REVIEWED", "已审核", "REJECTED", "已驳回").forEach((code, label) -> {
            assertThat(repository(Locale.SIMPLIFIED_CHINESE, code)).as(code).contains(">" + label + "<")
                    .contains("data-status=\"" + code + "\"").doesNotContain(">" + code + "<");
            assertThat(repository(Locale.ENGLISH, code)).as(code).contains(">" + english.get(code) + "<");
        });
    }

    /**
     * A rejection took no reason, so the uploader could not tell what to fix. The reviewer types one next to
     * Reject, and the repository page shows it on the rejected version.
     */
    @Test
    void a_rejected_version_shows_its_reason_and_reject_asks_for_one() {
        Map<String, Object> rejected = new HashMap<>(Map.of("id", 4L, "name", "records", "version", "1.0.0",
                "codeHash", "abc", "sizeBytes", 5898, "uploadedBy", "carol", "reviewStatus", "REJECTED",
                "reviewedBy", "bob", "reviewNote", "logs the caller's key"));
        Map<String, Object> pending = nullable(Map.of("id", 5L, "name", "records", "version", "1.0.1",
                "codeHash", "abd", "sizeBytes", 5898, "uploadedBy", "carol", "reviewStatus", "PENDING"),
                "reviewedBy", "reviewNote");
        java.util.function.Function<Locale, String> page = locale -> ConsoleTemplates.render(
                "console/contract-repository", "table#packages", locale, Map.of("consortium", Map.of("id", 7L),
                        "packages", List.of(rejected, pending), "canReview", true));
        String english = page.apply(Locale.ENGLISH);
        assertThat(english).contains(">logs the caller&#39;s key<", ">Reason for rejecting<")
                .containsPattern("<form class=\"reject-form\"[^>]* data-api=\"/api/v1/consortia/7/contract-packages/5/review\"")
                .contains("name=\"status\" value=\"REJECTED\"", "name=\"note\" required")
                .doesNotContain("contract-packages/4/review");
        assertThat(page.apply(Locale.SIMPLIFIED_CHINESE)).contains(">驳回理由<", ">logs the caller&#39;s key<");
    }

    /**
     * The uploader was offered Mark reviewed on their own version, and Mark reviewed and Reject acted at
     * the first click (found by a tester): both ask first, and the uploader is told someone else reviews it.
     */
    @Test
    void the_uploader_is_not_offered_mark_reviewed_and_both_review_buttons_ask_first() {
        Map<String, Object> pending = nullable(Map.of("id", 5L, "name", "records", "version", "1.0.1",
                "codeHash", "abd", "sizeBytes", 5898, "uploadedBy", "carol", "reviewStatus", "PENDING"),
                "reviewedBy", "reviewNote");
        java.util.function.BiFunction<Locale, String, String> page = (locale, reviewer) -> ConsoleTemplates.render(
                "console/contract-repository", "table#packages", locale, Map.of("consortium", Map.of("id", 7L),
                        "packages", List.of(pending), "canReview", true, "reviewer", reviewer));
        String uploader = page.apply(Locale.ENGLISH, "carol");
        assertThat(uploader).doesNotContain("mark-reviewed", "Mark reviewed")
                .contains("You uploaded it: someone else reviews it", "reject-form")
                .contains("data-confirm=\"Reject records 1.0.1?");
        String other = page.apply(Locale.ENGLISH, "bob");
        assertThat(other).contains("mark-reviewed", "data-confirm=\"Mark records 1.0.1 reviewed?", "reject-form")
                .doesNotContain("You uploaded it");
        assertThat(page.apply(Locale.SIMPLIFIED_CHINESE, "carol")).contains("你上传了此版本", "驳回 records 1.0.1？");
        assertThat(page.apply(Locale.SIMPLIFIED_CHINESE, "bob")).contains("将 records 1.0.1 标记为已审核？");
    }

    /** The upload help said an admin or an auditor reviews a version: since 0502a3a1 never its uploader. */
    @Test
    void the_upload_help_says_someone_other_than_the_uploader_reviews_it() {
        java.util.function.Function<Locale, String> help = locale -> ConsoleTemplates.render(
                "console/contract-repository", "p#upload-help", locale, Map.of("consortium", Map.of("id", 7L),
                        "canUpload", true));
        assertThat(help.apply(Locale.ENGLISH)).contains("an admin of a member organisation or an auditor, someone "
                + "other than its uploader, reviews it before it can be proposed");
        assertThat(help.apply(Locale.SIMPLIFIED_CHINESE)).contains("由上传者以外的成员组织管理员或审计员审核后才能提案");
    }

    /**
     * Propose a contract offered versions of contracts already committed on the channel, and choosing one
     * ended in a 409 "propose an upgrade instead" (found by a tester): the form offers only the others, and
     * says where to upgrade when none is left.
     */
    @Test
    void the_propose_form_offers_no_contract_already_committed_on_the_channel() {
        List<ContractPackage> reviewed = List.of(version(1, "asset-app", "1.0.0"), version(2, "notarize-wasm", "1.0.0"),
                version(3, "records", "1.0.0"), version(4, "records", "1.1.0"));
        List<LifecycleViews.Committed> committed = List.of(committed("asset-app", "1.0.0"), committed("records", "1.0.0"));
        List<ContractPackage> offered = UserContractPages.proposable(reviewed, committed);
        assertThat(offered).extracting(ContractPackage::name).containsExactly("notarize-wasm");

        String form = ConsoleTemplates.render("console/user-contracts", "form#propose-form", Locale.ENGLISH,
                Map.of("consortium", Map.of("id", 7L), "channel", "main", "reviewed", offered));
        assertThat(form).contains(">notarize-wasm 1.0.0</option>").doesNotContain("records 1.").doesNotContain("asset-app");

        java.util.function.Function<Locale, String> none = locale -> ConsoleTemplates.render("console/user-contracts",
                "section#propose", locale, Map.of("consortium", Map.of("id", 7L), "channel", "main", "isAdmin", true,
                        "reviewed", UserContractPages.proposable(List.of(version(3, "records", "1.0.0")), committed),
                        "allCommitted", true));
        assertThat(none.apply(Locale.ENGLISH)).doesNotContain("propose-form")
                .contains("Every reviewed contract is already committed on this channel");
        assertThat(none.apply(Locale.SIMPLIFIED_CHINESE)).contains("所有已审核的合约均已在此通道提交");
    }

    private static ContractPackage version(long id, String name, String version) {
        return new ContractPackage(id, 7, name, version, "", null, "abc", 10, "carol", 0, ContractPackage.REVIEWED,
                "bob", 1L, null);
    }

    private static LifecycleViews.Committed committed(String name, String version) {
        return new LifecycleViews.Committed(new LifecycleViews.Definition(name, version, 1, "abc", "MAJORITY", "ACTIVE",
                List.of()), "d", List.of(), "t", 3);
    }

    /** The contract pages showed a proposal's action (UPGRADE, PROPOSE), an operation's and the policy (MAJORITY) as codes. */
    @Test
    void a_proposal_s_action_an_operation_s_action_and_the_policy_read_in_the_reader_s_language() {
        String proposals = detail(Locale.SIMPLIFIED_CHINESE, "section#proposals", "ACTIVE");
        assertThat(proposals).contains(">升级<").contains(">提议<").contains("data-action=\"UPGRADE\"")
                .doesNotContain(">UPGRADE<").doesNotContain(">PROPOSE<");
        assertThat(detail(Locale.ENGLISH, "section#proposals", "ACTIVE")).contains(">Upgrade<").contains(">Propose<");
        String operations = detail(Locale.SIMPLIFIED_CHINESE, "section#operations", "ACTIVE");
        assertThat(operations).doesNotContain(">CONTRACT_PROPOSE<").doesNotContain(">PROPOSE<")
                .contains("data-action=\"PROPOSE\"");
        String current = detail(Locale.SIMPLIFIED_CHINESE, "section#current", "ACTIVE");
        assertThat(current).contains(">多数组织同意<").contains("data-policy=\"MAJORITY\"").doesNotContain(">MAJORITY<");
        assertThat(definitions(Locale.SIMPLIFIED_CHINESE, "ACTIVE")).contains(">多数组织同意<").doesNotContain(">MAJORITY<");
        assertThat(detail(Locale.ENGLISH, "section#current", "ACTIVE")).contains(">Majority of organisations<");
    }

    /**
     * The Chinese contract page showed its operations' steps as the lifecycle wrote them, in English
     * ("Install module of records 1.0.0 (5898 bytes)", "Propose ...", "Approve for org1 ...", "Commit
     * records sequence 1"), with the node's refusal; they read in the reader's language, and the
     * sentence as written stays in data-step, data-detail, data-reason and the tooltip.
     */
    @Test
    void a_contract_operation_s_steps_details_and_reason_read_in_the_reader_s_language() {
        String chinese = operations(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains(">安装 records 1.0.0 的模块（5898 字节）</span>",
                        ">提议 records 1.0.0（序号 1，多数组织同意；put：org1 / writer）</span>",
                        ">代表 org1 批准（由 admin@org1 签名）</span>", ">已获 1 / 2 个批准</span>", ">提交 records 序号 1</span>",
                        ">提议冻结 records（序号 2）</span>",
                        ">records 1.0.0 序号 1 生效中，代码哈希 3fa0，策略 多数组织同意，摘要 9b1c，批准组织 org1, org2；区块 7，交易 tx-7</span>",
                        ">合约拒绝了该调用（LIFECYCLE_INVALID）：records is revoked</span>")
                .contains("data-step=\"Install module of records 1.0.0 (5898 bytes)\"",
                        "title=\"Commit records sequence 1\"", "data-detail=\"3fa0\"",
                        "data-reason=\"The contract refused the call (LIFECYCLE_INVALID): records is revoked\"")
                .doesNotContain(">Install module", ">Propose", ">Approve for", ">Commit", ">The contract refused",
                        ">records 1.0.0 sequence");
        // a step or detail the platform did not write as one of its sentences is shown as written
        assertThat(chinese).contains(">Hold the contract</span>", ">held by a test</span>");
        String english = operations(Locale.ENGLISH);
        assertThat(english).contains(">Install module of records 1.0.0 (5898 bytes)</span>",
                ">Propose records 1.0.0 (sequence 1, MAJORITY; put: org1 / writer)</span>",
                ">Approve for org1 (signed by admin@org1)</span>", ">1 of 2 approvals</span>", ">Propose freeze of records (sequence 2)</span>",
                ">records 1.0.0 sequence 1 ACTIVE, code hash 3fa0, policy MAJORITY, digest 9b1c, approved by org1, org2;"
                        + " block 7, transaction tx-7</span>",
                ">The contract refused the call (LIFECYCLE_INVALID): records is revoked</span>");
    }

    /**
     * The caller rules a proposal set, written into its "propose" step ("; put: org1, org2 / user;
     * get: any organisation"), read in English in Chinese; an organisation's name, a function's and
     * a role (as typed in the rules) stay as written.
     */
    @Test
    void the_caller_rules_in_a_propose_step_read_in_the_reader_s_language() {
        String proposed = "Propose records 1.0.0 (sequence 1, MAJORITY; get: any organisation; mint: any organisation"
                + " / admin; put: org1, org2 / user)";
        List<ContractOperation> operations = List.of(new ContractOperation(1, 7, "main", "records", "PROPOSE",
                "SUCCEEDED", null, "alice", 1_000L, 2_000L,
                List.of(new ContractOperation.Step(proposed, "DONE", "9b1c", 1_500L, 1_700L)), Map.of()));
        Map<String, Object> detail = nullable(Map.of("name", "records", "proposals", List.of(), "history", List.of(),
                "operations", operations), "current", "manifest");
        String chinese = render(Locale.SIMPLIFIED_CHINESE, "section#operations", detail);
        assertThat(chinese).contains(">提议 records 1.0.0（序号 1，多数组织同意；get：任何组织；mint：任何组织 / admin；put：org1, org2 / user）</span>",
                "data-step=\"" + proposed + "\"").doesNotContain("any organisation</span>");
        assertThat(render(Locale.ENGLISH, "section#operations", detail)).contains(">" + proposed + "</span>");
    }

    /**
     * A contract operation that failed because no node of the channel answered, or the channel had
     * no leader, showed the platform's reason in English in Chinese ("No node of channel main can be
     * reached right now; try again"), and so did a refusal the node gave without a validation code.
     */
    @Test
    void an_operation_the_nodes_did_not_answer_reads_its_reason_in_the_reader_s_language() {
        Map<String, String> chinese = new java.util.LinkedHashMap<>();
        chinese.put(unreachable(io.grpc.Status.Code.DEADLINE_EXCEEDED, "main"),
                "通道 main 当前没有领导者，或其节点过载（10 秒内未应答，等待交易提交时为 30 秒）；请重试");
        chinese.put(unreachable(io.grpc.Status.Code.FAILED_PRECONDITION, "main"),
                "通道 main 当前没有领导者（其节点正在选举）；请重试");
        chinese.put(unreachable(io.grpc.Status.Code.UNAVAILABLE, "main"), "当前无法连接通道 main 的任何节点；请重试");
        chinese.put(unreachable(io.grpc.Status.Code.INTERNAL, "main"), "通道 main 的节点未能完成该调用；请重试（平台日志中有详细信息）");
        chinese.put(unreachable(io.grpc.Status.Code.DEADLINE_EXCEEDED, null),
                "该通道当前没有领导者，或其节点过载（10 秒内未应答，等待交易提交时为 30 秒）；请重试");
        chinese.put(unreachable(io.grpc.Status.Code.FAILED_PRECONDITION, null), "该通道当前没有领导者（其节点正在选举）；请重试");
        chinese.put(unreachable(io.grpc.Status.Code.UNAVAILABLE, null), "当前无法连接该通道的任何节点；请重试");
        chinese.put(unreachable(io.grpc.Status.Code.INTERNAL, null), "该通道的节点未能完成该调用；请重试（平台日志中有详细信息）");
        // the refusals without a validation code: the platform's words, then the node's own as written
        chinese.put(refused(io.grpc.Status.Code.PERMISSION_DENIED, "caller not admitted"), "节点拒绝了该调用：caller not admitted");
        chinese.put(refused(io.grpc.Status.Code.INVALID_ARGUMENT, null), "节点拒绝了该调用");
        chinese.put(refused(io.grpc.Status.Code.NOT_FOUND, null), "通道上未找到");
        assertThat(chinese.keySet()).contains("No node of channel main can be reached right now; try again",
                "The channel has no leader right now (its nodes are electing one); try again");
        chinese.forEach((reason, read) -> {
            List<ContractOperation> operations = List.of(new ContractOperation(1, 7, "main", "records", "COMMIT",
                    "FAILED", reason, "alice", 1_000L, 2_000L, List.of(new ContractOperation.Step(
                            DeploymentTexts.COMMIT_CONTRACT.of("records", 1), "FAILED", null, 1_000L, 2_000L)),
                    Map.of()));
            Map<String, Object> detail = nullable(Map.of("name", "records", "proposals", List.of(), "history",
                    List.of(), "operations", operations), "current", "manifest");
            assertThat(render(Locale.SIMPLIFIED_CHINESE, "section#operations", detail)).as(reason)
                    .contains(">" + read + "</span>", "data-reason=\"" + reason + "\"");
            assertThat(render(Locale.ENGLISH, "section#operations", detail)).as(reason).contains(">" + reason + "</span>");
        });
    }

    private static String refused(io.grpc.Status.Code code, String description) {
        return io.consortia.platform.channel.NodeRefusals.of(new io.consortia.sdk.GatewayException(
                "Submit of records.put failed", io.grpc.Status.fromCode(code).withDescription(description)
                        .asRuntimeException()), "main").getMessage();
    }

    private static String unreachable(io.grpc.Status.Code code, String channel) {
        return io.consortia.platform.channel.NodeRefusals.unavailable(new io.consortia.sdk.GatewayException(
                "Submit of records.put failed", io.grpc.Status.fromCode(code).withDescription("io exception")
                        .asRuntimeException()), channel).getMessage();
    }
}
