package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Proposals tab names an organisation in a note the platform wrote by its name: it said
 * "Applied on chain: organisation 3 is in channel main" ("组织 3"), a number the reader does not know.
 */
class ProposalsPageTemplateTest {
    private static String table(Locale locale, String note, Map<Long, String> names) {
        return table(locale, "APPLIED", note, names);
    }

    private static String table(Locale locale, String status, String note, Map<Long, String> names) {
        return table(locale, status, note, names, List.of(), Map.of());
    }

    private static String table(Locale locale, String status, String note, Map<Long, String> names,
            List<Long> votable, Map<Long, Long> leaving) {
        ChannelProposal proposal = new ChannelProposal(5, "ADD_ORGANIZATION", 7, "main", 3, "li-admin", "MAJORITY",
                status, note, 1_000L, 2_000L, 9L, List.of());
        return ConsoleTemplates.render("console/proposals", "table#proposals-table", locale, Map.of(
                "consortium", Map.of("id", 7L), "proposals", List.of(proposal), "organizationNames", names,
                "votable", votable, "leaving", leaving, "leader", false),
                Map.of("proposalNotes", new ProposalNotes(ConsoleTemplates.messages())));
    }

    @Test
    void a_note_names_the_organisation_by_its_name_in_both_languages() {
        Map<Long, String> names = Map.of(3L, "Ningbo Trust Bank", 4L, "Hangzhou Bank");
        assertThat(table(Locale.SIMPLIFIED_CHINESE, ProposalNotes.inChannel(3, "main"), names))
                .contains("组织 Ningbo Trust Bank 已加入通道 main").doesNotContain("组织 3");
        assertThat(table(Locale.ENGLISH, ProposalNotes.inChannel(3, "main"), names))
                .contains("organisation Ningbo Trust Bank is in channel main");
        assertThat(table(Locale.SIMPLIFIED_CHINESE, ProposalNotes.leftChannel(4, "main"), names))
                .contains("组织 Hangzhou Bank 已退出通道 main");
        assertThat(table(Locale.ENGLISH, ProposalNotes.leftConsortium(4), names))
                .contains("organisation Hangzhou Bank left the consortium");
    }

    @Test
    void a_channel_change_withdrawn_by_the_organisation_s_leave_or_removal_says_so_in_both_languages() {
        Map<Long, String> names = Map.of(3L, "Ningbo Trust Bank");
        Map<String, List<String>> notes = Map.of(
                ProposalNotes.withdrawn(3, 12), List.of("已撤回：组织 Ningbo Trust Bank 已主动退出联盟（提案 12）",
                        "Withdrawn: organisation Ningbo Trust Bank left the consortium on its own (proposal 12)"),
                ProposalNotes.withdrawnByVote(3, 12), List.of("已撤回：组织 Ningbo Trust Bank 已被联盟投票移出（提案 12）",
                        "Withdrawn: organisation Ningbo Trust Bank was voted out of the consortium (proposal 12)"));
        notes.forEach((note, read) -> {
            assertThat(table(Locale.SIMPLIFIED_CHINESE, "WITHDRAWN", note, names)).contains(read.get(0));
            assertThat(table(Locale.ENGLISH, "WITHDRAWN", note, names)).contains(read.get(1));
        });
    }

    /** The API refuses a vote on a proposal about an organisation whose leave runs: no Approve or Reject then. */
    @Test
    void a_pending_proposal_about_a_leaving_organisation_offers_no_vote_and_says_why_in_both_languages() {
        Map<Long, String> names = Map.of(3L, "Ningbo Trust Bank");
        String zh = table(Locale.SIMPLIFIED_CHINESE, "PENDING", null, names, List.of(5L), Map.of(3L, 1234L));
        assertThat(zh).contains("组织 Ningbo Trust Bank 正在主动退出联盟（提案 1234）：退出完成后本提案即被撤回")
                .doesNotContain("/votes");
        String en = table(Locale.ENGLISH, "PENDING", null, names, List.of(5L), Map.of(3L, 1234L));
        assertThat(en).contains("Organisation Ningbo Trust Bank is leaving the consortium on its own (proposal 1234): "
                + "the leave withdraws this proposal once done").doesNotContain("/votes");
        // another organisation's leave changes nothing
        assertThat(table(Locale.ENGLISH, "PENDING", null, names, List.of(5L), Map.of(4L, 1234L)))
                .contains("/api/v1/channel-proposals/5/votes").doesNotContain("is leaving");
    }

    @Test
    void an_organisation_the_platform_no_longer_knows_keeps_its_number() {
        assertThat(table(Locale.SIMPLIFIED_CHINESE, ProposalNotes.leftConsortium(9), Map.of(3L, "Ningbo Trust Bank")))
                .contains("组织 9 已退出联盟");
    }
}
