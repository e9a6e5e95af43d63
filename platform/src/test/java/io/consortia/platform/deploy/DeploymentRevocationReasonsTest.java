package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.custody.RevocationReasons;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The reasons the deployments write when they revoke on their own read in Chinese, code kept beside. */
class DeploymentRevocationReasonsTest {
    private final RevocationReasons reasons = new RevocationReasons(ConsoleTemplates.messages());

    @Test
    void every_reason_a_deployment_writes_reads_in_chinese_with_its_code() {
        for (String reason : List.of(DeploymentService.NODE_DELETED, DeploymentService.MEMBER_REMOVED,
                DeploymentService.NETWORK_DELETED, DeploymentService.NODE_ADD_FAILED)) {
            String zh = reasons.text(reason, Locale.SIMPLIFIED_CHINESE);
            assertThat(zh).as(reason).startsWith("停止运营（cessationOfOperation）：")
                    .doesNotContainPattern("[A-Za-z]+$");
            assertThat(reasons.text(reason, Locale.ENGLISH)).as(reason).contains(reason.substring(reason.indexOf(": ") + 2));
        }
    }
}
