package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressPageTemplateTest {

    private static String progress(Locale locale) {
        Deployment deployment = new Deployment(5, 7, "DEPLOY", "RUNNING", null, "alice", 1_000L, null, List.of(
                new Deployment.Step("Start node c7-alpha-0", "c7-alpha-0", "DONE", null, 1_000L, 2_000L),
                new Deployment.Step("Create channel main", null, "FAILED", "refused", 2_000L, 3_000L),
                new Deployment.Step("Start node c7-beta-0", "c7-beta-0", "RUNNING", null, 3_000L, null)));
        return ConsoleTemplates.render("console/progress-fragment", "div", locale, Map.of("deployment", deployment),
                Map.of("fmt", new io.consortia.platform.console.Formats()));
    }

    /** The Chinese progress view listed each step as DONE, RUNNING or FAILED; the code stays in data-status. */
    @Test
    void a_step_s_status_reads_in_the_reader_s_language_and_keeps_its_code() {
        String chinese = progress(Locale.SIMPLIFIED_CHINESE);
        Map.of("DONE", "已完成", "RUNNING", "进行中", "FAILED", "失败").forEach((code, label) ->
                assertThat(chinese).as(code).contains(">" + label + "</span>").contains("data-status=\"" + code + "\"")
                        .doesNotContain(">" + code + "</span>"));
        String english = progress(Locale.ENGLISH);
        Map.of("DONE", "Done", "RUNNING", "Running", "FAILED", "Failed").forEach((code, label) ->
                assertThat(english).as(code).contains(">" + label + "</span>").doesNotContain(">" + code + "</span>"));
        // ConsoleIT reads the step names in the view
        assertThat(english).contains("Start node c7-alpha-0");
    }
}
