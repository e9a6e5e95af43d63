package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelsPageTemplateTest {
    private static final Map<String, String> CHINESE = Map.of("CREATING", "创建中", "ACTIVE", "正常", "FAILED", "已失败");
    private static final Map<String, String> ENGLISH = Map.of("CREATING", "Creating", "ACTIVE", "Active", "FAILED", "Failed");

    private static Map<String, Object> channel(String status) {
        java.util.HashMap<String, Object> channel = new java.util.HashMap<>(Map.of("name", "main", "status", status,
                "organizationIds", List.of(3L)));
        channel.put("reason", null);
        return channel;
    }

    private static String channelsTable(Locale locale, String status) {
        return channelsTable(locale, channel(status));
    }

    private static String channelsTable(Locale locale, Map<String, Object> channel) {
        return ConsoleTemplates.render("console/channels", "table#channels-table", locale, Map.of(
                "consortium", Map.of("id", 7L), "organizationNames", Map.of(3L, "alpha"),
                "rows", List.of(Map.of("channel", channel, "height", 4L, "transactions", 3L))),
                Map.of("deploymentTexts", new io.consortia.platform.deploy.DeploymentTexts(ConsoleTemplates.messages())));
    }

    private static String channelHeading(Locale locale, String status) {
        return ConsoleTemplates.render("console/channel", "main/h2", locale, Map.of(
                "consortium", Map.of("id", 7L), "channel", channel(status), "height", 4L));
    }

    /**
     * The members' names: SpEL reads {@code organizationNames[o]} as the key "o", so every member read
     * "null" on the Channels tab and was blank on the channel page and in its remove-organisation form.
     */
    @Test
    void a_channel_s_members_are_named() {
        Map<String, Object> channel = channel("ACTIVE");
        channel.put("organizationIds", List.of(3L, 5L));
        Map<Long, String> names = Map.of(3L, "alpha", 5L, "beta");
        assertThat(ConsoleTemplates.render("console/channels", "table#channels-table", Locale.ENGLISH, Map.of(
                "consortium", Map.of("id", 7L), "organizationNames", names,
                "rows", List.of(Map.of("channel", channel, "height", 4L, "transactions", 3L))),
                Map.of("deploymentTexts", new io.consortia.platform.deploy.DeploymentTexts(ConsoleTemplates.messages()))))
                .contains(">alpha, </span>", ">beta</span>").doesNotContain("null");
        java.util.HashMap<String, Object> page = new java.util.HashMap<>(Map.of("consortium", Map.of("id", 7L),
                "channel", channel, "height", 4L, "organizationNames", names, "removableFromChannel", List.of(5L)));
        page.put("leader", true);
        page.put("candidates", List.of());
        assertThat(ConsoleTemplates.render("console/channel", "main//ul", Locale.ENGLISH, page))
                .contains("<li>alpha</li>", "<li>beta</li>");
        assertThat(ConsoleTemplates.render("console/channel", "form#remove-from-channel", Locale.ENGLISH, page))
                .contains("<option value=\"5\">beta</option>");
    }

    /**
     * Create channel with every organisation unticked sent "organizationIds": [] and the API created
     * the channel with all of them (found by a tester): the form refuses none ticked, in the reader's
     * language (console.js reads data-require-ids and data-empty-message; ConsoleIT clicks it).
     */
    @Test
    void the_create_form_refuses_no_organisation_ticked_in_the_reader_s_language() {
        java.util.function.Function<Locale, String> form = locale -> ConsoleTemplates.render("console/channels",
                "form#channel-create", locale, Map.of("consortium", Map.of("id", 7L),
                        "members", List.of(Map.of("id", 3L, "name", "alpha"))));
        assertThat(form.apply(Locale.ENGLISH)).contains("data-require-ids=\"organizationIds\"",
                "data-empty-message=\"Tick at least one organisation for the channel\"");
        assertThat(form.apply(Locale.SIMPLIFIED_CHINESE)).contains("data-empty-message=\"请至少为通道选择一个组织\"");
    }

    /** The Chinese Channels tab and channel page showed ACTIVE, FAILED, CREATING; the code stays in data-status. */
    @Test
    void a_channel_s_status_reads_in_the_reader_s_language_and_keeps_its_code() {
        CHINESE.forEach((code, label) -> {
            for (String page : List.of(channelsTable(Locale.SIMPLIFIED_CHINESE, code),
                    channelHeading(Locale.SIMPLIFIED_CHINESE, code))) {
                assertThat(page).as(code).contains(">" + label + "</span>").contains("data-status=\"" + code + "\"")
                        .doesNotContain(">" + code + "</span>");
            }
            assertThat(channelsTable(Locale.ENGLISH, code)).as(code).contains(">" + ENGLISH.get(code) + "</span>");
            assertThat(channelHeading(Locale.ENGLISH, code)).as(code).contains(">" + ENGLISH.get(code) + "</span>");
        });
        assertThat(channelsTable(Locale.SIMPLIFIED_CHINESE, "ARCHIVED")).contains(">ARCHIVED</span>")
                .doesNotContain("??");
    }

    /**
     * A channel whose creation failed because a node saw no leader in time showed the platform's
     * reason in English in Chinese; a node's refusal (gRPC's words) stays as written.
     */
    @Test
    void a_failed_channel_s_reason_reads_in_the_reader_s_language() {
        String noLeader = "Node c7-alpha-0 did not see a leader of channel main within 60 s";
        // as the SDK worded it before the platform did (channels that failed before read the same)
        assertThat(io.consortia.platform.deploy.DeploymentTexts.NO_LEADER_SEEN.of("c7-alpha-0", "main", 60))
                .isEqualTo(noLeader);
        Map<String, Object> failed = channel("FAILED");
        failed.put("reason", noLeader);
        assertThat(channelsTable(Locale.SIMPLIFIED_CHINESE, failed))
                .contains(">节点 c7-alpha-0 未在 60 秒内看到通道 main 的领导者</div>", "data-reason=\"" + noLeader + "\"",
                        "title=\"" + noLeader + "\"");
        assertThat(channelsTable(Locale.ENGLISH, failed)).contains(">" + noLeader + "</div>");
        String refused = "CreateChannel failed: ALREADY_EXISTS: channel main exists";
        failed.put("reason", refused);
        assertThat(channelsTable(Locale.SIMPLIFIED_CHINESE, failed)).contains(">" + refused + "</div>");
    }
}
