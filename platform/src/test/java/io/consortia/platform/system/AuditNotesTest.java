package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The facts a change adds to its audit record: kept on the request, quoted so that no value passes for another fact. */
class AuditNotesTest {
    /** How an auditor's tool reads details: key="value" with backslash escapes. */
    private static final Pattern NOTE = Pattern.compile(" ([a-zA-Z]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/x");

    @AfterEach
    void unbind() {
        RequestContextHolder.resetRequestAttributes();
    }

    private String notes() {
        return AuditNotes.text(request.getAttribute(AuditNotes.ATTRIBUTE));
    }

    private void inRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    private enum Role { ADMIN }

    @Test
    void notes_go_on_the_current_request_in_the_order_they_were_made() {
        inRequest();
        AuditNotes.note("user", "bob");
        AuditNotes.note("role", Role.ADMIN);
        AuditNotes.note("organizations", List.of(1L, 2L, 3L));
        AuditNotes.note("platformRole", null); // nothing to say
        AuditNotes.note("nodes", List.of());
        assertThat(notes()).isEqualTo(" user=\"bob\" role=\"ADMIN\" organizations=\"1,2,3\"");
    }

    @Test
    void outside_a_request_there_is_no_record_and_nothing_happens() {
        AuditNotes.note("user", "bob");
        assertThat(request.getAttribute(AuditNotes.ATTRIBUTE)).isNull();
        assertThat(notes()).isEmpty();
    }

    @Test
    void a_value_cannot_forge_another_key_nor_end_the_record() {
        inRequest();
        String forged = "trade\" role=\"PLATFORM_ADMIN\\\" agent=x\nnext";
        AuditNotes.note("channel", forged);
        AuditNotes.note("organization", 7);
        String text = notes();
        assertThat(text).isEqualTo(" channel=\"trade\\\" role=\\\"PLATFORM_ADMIN\\\\\\\" agent=x\\nnext\" organization=\"7\"");
        Matcher m = NOTE.matcher(text);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("channel");
        assertThat(m.group(2).replace("\\n", "\n").replaceAll("\\\\(.)", "$1")).isEqualTo(forged);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).as("the next key is the next note, not one inside the value").isEqualTo("organization");
        assertThat(m.find()).isFalse();
    }

    @Test
    void control_characters_are_escaped() {
        assertThat(AuditNotes.quote("a\tb\rc\u0000d\u007f")).isEqualTo("\"a\\tb\\rc\\u0000d\\u007f\"");
        assertThat(AuditNotes.quote("中文")).isEqualTo("\"中文\"");
    }

    @Test
    void keys_are_plain_words_and_not_the_filter_s_own() {
        inRequest();
        for (String bad : List.of("", "Key", "a b", "a=b", "x\"", "auth", "agent", "refused", "claimedKey")) {
            assertThatThrownBy(() -> AuditNotes.note(bad, "v")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AuditNotes.note(null, "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_long_value_is_clipped_so_that_the_rest_of_the_record_stays() {
        inRequest();
        AuditNotes.note("organizations", "1,".repeat(1000));
        assertThat(notes()).hasSizeLessThan(330).endsWith("…\"");
    }

    @Test
    void a_later_note_of_the_same_key_replaces_the_earlier() {
        inRequest();
        AuditNotes.note("role", "MEMBER");
        AuditNotes.note("role", "ADMIN");
        assertThat(notes()).isEqualTo(" role=\"ADMIN\"");
    }

    /** The platform's own actions have no request: their facts are written the same way, for the same readers. */
    @Test
    void a_platform_action_s_facts_are_quoted_like_notes_and_checked_alike() {
        java.util.Map<String, Object> facts = PlatformAction.facts("node", "c1-org1-0", "process", null,
                "reason", "exited\" agent=\"x", "nodes", List.of());
        assertThat(AuditNotes.facts(facts)).isEqualTo("node=\"c1-org1-0\" reason=\"exited\\\" agent=\\\"x\"");
        assertThatThrownBy(() -> new PlatformAction("supervisor", "node.restart", 1L, "node=x", 200,
                PlatformAction.facts("auth", "forged"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlatformAction.facts("node")).isInstanceOf(IllegalArgumentException.class);
    }
}
