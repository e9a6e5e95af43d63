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
        return render(deployment, locale);
    }

    private static String render(Deployment deployment, Locale locale) {
        return ConsoleTemplates.render("console/progress-fragment", "div", locale, Map.of("deployment", deployment),
                Map.of("fmt", new io.consortia.platform.console.Formats(),
                        "deploymentTexts", new DeploymentTexts(ConsoleTemplates.messages())));
    }

    /** A deployment the platform's restart interrupted, its steps and their details as the platform writes them. */
    private static String interrupted(Locale locale) {
        return render(new Deployment(6, 7, "DEPLOY", "FAILED", DeploymentRepository.INTERRUPTED, "alice", 1_000L,
                9_000L, List.of(
                        new Deployment.Step(DeploymentTexts.ISSUE_CERTIFICATES.of("c7-alpha-0"), "c7-alpha-0", "DONE",
                                null, 1_000L, 2_000L),
                        new Deployment.Step(DeploymentTexts.START.of("c7-alpha-0"), "c7-alpha-0", "DONE",
                                DeploymentTexts.PROCESS.of(4242), 2_000L, 3_000L),
                        new Deployment.Step(DeploymentTexts.AWAIT_SERVING.of("c7-alpha-0"), "c7-alpha-0", "FAILED",
                                DeploymentTexts.EXITED_DURING_START.of("c7-alpha-0", "bind: address already in use"),
                                3_000L, 4_000L),
                        new Deployment.Step(DeploymentTexts.CREATE_CHANNEL.of("main"), null, "FAILED",
                                DeploymentRepository.INTERRUPTED, 4_000L, 9_000L),
                        new Deployment.Step("Hold the consortium", null, "DONE", "held by a test", 4_000L, 5_000L))),
                locale);
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

    /**
     * The Chinese progress view showed the platform's step names, their details and why a deployment
     * ended in English ("Issue certificates for ...", "process 4242", "Interrupted by a platform
     * restart"); the sentence as written stays in data-step, data-detail, data-reason and the tooltip.
     */
    @Test
    void the_platform_s_step_names_details_and_reason_read_in_the_reader_s_language() {
        String chinese = interrupted(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains(">为 c7-alpha-0 签发证书</span>", ">启动 c7-alpha-0</span>", ">进程 4242</span>",
                        ">等待 c7-alpha-0 开始提供服务</span>", ">创建通道 main</span>", ">被平台重启中断</span>",
                        ">被平台重启中断</div>", "节点 c7-alpha-0 在启动期间退出；其日志为：\nbind: address already in use")
                .contains("data-step=\"Issue certificates for c7-alpha-0\"", "title=\"Start c7-alpha-0\"",
                        "data-detail=\"process 4242\"", "data-reason=\"Interrupted by a platform restart\"")
                .doesNotContain(">Issue certificates", ">Start c7", ">process 4242", ">Interrupted by", ">Node c7");
        // a step or detail the platform did not write as one of its sentences is shown as written
        assertThat(chinese).contains(">Hold the consortium</span>", ">held by a test</span>");
        String english = interrupted(Locale.ENGLISH);
        assertThat(english).contains(">Issue certificates for c7-alpha-0</span>", ">process 4242</span>",
                ">Interrupted by a platform restart</div>");
    }

    /** A network's deployment the platform's stop cut short says so, and to deploy again, in either language. */
    @Test
    void a_deployment_the_platform_s_stop_cut_short_says_to_deploy_again_in_the_reader_s_language() {
        Deployment deployment = new Deployment(13, 7, "DEPLOY", "FAILED", DeploymentRepository.DEPLOY_INTERRUPTED,
                "alice", 1_000L, 9_000L, List.of(new Deployment.Step(DeploymentTexts.PODS_READY.of(0, 1), null,
                        "FAILED", DeploymentRepository.INTERRUPTED, 1_000L, 9_000L)));
        assertThat(render(deployment, Locale.SIMPLIFIED_CHINESE))
                .contains(">平台在此次部署期间停止，网络可能只部署了一部分：请再次部署以完成部署</div>", ">被平台重启中断</span>")
                .doesNotContain(">The platform stopped", "Interrupted while waiting");
        assertThat(render(deployment, Locale.ENGLISH)).contains(">The platform stopped during this deployment, so the "
                + "network may be partly deployed: deploy it again to finish it</div>");
    }

    /**
     * Found by a tester: on the Chinese page a Kubernetes deployment's step names read in Chinese, their details and
     * why it failed in English ("created by the operator", "Only 0 of 1 pods became ready within 120 s; ..."). They
     * are the platform's sentences now; the cluster's own words inside them (pod reasons, the operator's conditions,
     * events) stay as the cluster wrote them.
     */
    @Test
    void a_kubernetes_deployment_s_details_and_failure_read_in_the_reader_s_language_the_cluster_s_words_as_written() {
        String timedOut = DeploymentTexts.PODS_NOT_READY_IN_TIME.of(0, 1, 120,
                DeploymentTexts.NOT_READY_PODS.of("c4-org1-0: Unschedulable: 0/1 nodes are available; c4-org1-1: x")
                        + DeploymentTexts.NETWORK_CONDITIONS.of("Degraded", "Reconciled=False (ApplyFailed): quantities "
                        + "must match") + DeploymentTexts.RECENT_WARNINGS.of("data-c4-org1-0 ProvisioningFailed: "
                        + "storageclass.storage.k8s.io \"no-such-class\" not found"));
        assertThat(timedOut).isEqualTo("Only 0 of 1 pods became ready within 120 s; not ready: c4-org1-0: Unschedulable:"
                + " 0/1 nodes are available; c4-org1-1: x; ConsortiaNetwork Degraded: Reconciled=False (ApplyFailed): "
                + "quantities must match; recent warnings: data-c4-org1-0 ProvisioningFailed: storageclass.storage.k8s.io"
                + " \"no-such-class\" not found");
        String noOperator = DeploymentTexts.NAMESPACE_NOT_CREATED.of("consortia-c5", 60,
                DeploymentTexts.NETWORK_NO_STATUS.of());
        Deployment deployment = new Deployment(14, 4, "DEPLOY", "FAILED", timedOut, "alice", 1_000L, 9_000L, List.of(
                new Deployment.Step(DeploymentTexts.AWAIT_NAMESPACE.of("consortia-c4"), null, "DONE",
                        DeploymentTexts.CREATED_BY_OPERATOR.of(), 1_000L, 2_000L),
                new Deployment.Step(DeploymentTexts.PODS_READY.of(0, 1), null, "FAILED", timedOut, 2_000L, 9_000L),
                new Deployment.Step(DeploymentTexts.AWAIT_NAMESPACE.of("consortia-c5"), null, "FAILED", noOperator,
                        2_000L, 9_000L)));

        String chinese = render(deployment, Locale.SIMPLIFIED_CHINESE);

        String read = "120 秒内只有 0/1 个 Pod 就绪；未就绪：c4-org1-0: Unschedulable: 0/1 nodes are available; c4-org1-1: x"
                + "；ConsortiaNetwork 处于 Degraded：Reconciled=False (ApplyFailed): quantities must match；最近的警告："
                + "data-c4-org1-0 ProvisioningFailed: storageclass.storage.k8s.io &quot;no-such-class&quot; not found";
        assertThat(chinese).contains(">已由 operator 创建</span>", ">" + read + "</span>", ">" + read + "</div>",
                        ">命名空间 consortia-c5 未在 60 秒内创建：Consortia operator 是否在运行？")
                .contains("；ConsortiaNetwork 尚无状态</span>")
                .doesNotContain(">created by", ">Only 0", ">Namespace consortia-c5");
        String english = render(deployment, Locale.ENGLISH);
        assertThat(english).contains(">created by the operator</span>", ">" + timedOut.replace("\"", "&quot;") + "</div>");
    }

    /**
     * The certificates', channels' and backups' operations are followed in the same view; their
     * steps read in Chinese too (as the platform wrote them, the organisation's name as written).
     */
    @Test
    void the_steps_of_certificate_channel_and_backup_operations_read_in_the_reader_s_language() {
        String chinese = render(new Deployment(8, 7, "RENEW_CERTS", "SUCCEEDED", null, "alice", 1_000L, 9_000L,
                List.of(new Deployment.Step("Renew NODE_TLS certificate of c7-alpha-0 (Alpha Bank, serial 1f2e)",
                                "c7-alpha-0", "DONE", "new serial 3a4b, valid until 2027-12-06T00:00:00Z; serial 1f2e"
                                        + " stays valid until 2026-12-20T00:00:00Z", 1_000L, 2_000L),
                        new Deployment.Step("Reload certificates on c7-alpha-0", "c7-alpha-0", "DONE",
                                "not running: it reads them when it starts", 2_000L, 3_000L),
                        new Deployment.Step("Put the revoked certificates of Alpha Bank on chain", null, "DONE",
                                "Alpha Bank is in no active channel", 3_000L, 4_000L),
                        new Deployment.Step("Join c7-alpha-1 to channel main", "c7-alpha-1", "DONE",
                                "already serves the channel", 4_000L, 5_000L),
                        new Deployment.Step("Take a backup of c7-alpha-0", "c7-alpha-0", "DONE", null, 5_000L,
                                6_000L))),
                Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains(">续期 c7-alpha-0 的 节点 TLS 证书（Alpha Bank，序列号 1f2e）</span>",
                ">在 c7-alpha-0 上重新加载证书</span>", ">未运行：启动时读取</span>",
                ">将 Alpha Bank 的已吊销证书上链</span>", ">Alpha Bank 不在任何活动通道中</span>",
                ">将 c7-alpha-1 加入通道 main</span>", ">已在为该通道提供服务</span>", ">备份 c7-alpha-0</span>",
                "data-step=\"Renew NODE_TLS certificate of c7-alpha-0 (Alpha Bank, serial 1f2e)\"");
    }

    /**
     * A channel configuration change (adding an organisation, a node, listing revoked certificates)
     * showed its signing and committing steps and their details in English in Chinese.
     */
    @Test
    void the_steps_of_a_channel_configuration_change_read_in_the_reader_s_language() {
        String chinese = render(new Deployment(9, 7, "ADD_ORGANIZATION", "SUCCEEDED", null, "alice", 1_000L, 9_000L,
                List.of(new Deployment.Step("Read configuration of channel main", null, "DONE",
                                "version 3, 2 organisations, 4 peers", 1_000L, 2_000L),
                        new Deployment.Step("Sign add organisation Gamma Trust (main version 4)", null, "DONE",
                                "signed by the admins of Alpha Bank, beta (MAJORITY of 2 needs 2)", 2_000L, 3_000L),
                        new Deployment.Step("Commit add organisation Gamma Trust (main version 4)", null, "DONE",
                                "committed in block 12, transaction 0a1b2c3d4e5f6a7b", 3_000L, 4_000L),
                        new Deployment.Step("Sign promote node c7-gamma-0 to voter (main version 5)", null, "DONE",
                                null, 4_000L, 5_000L),
                        new Deployment.Step("Commit list 2 revoked certificate(s) of Alpha Bank (main version 6)",
                                null, "DONE", "committed (outcome read back from the chain)", 5_000L, 6_000L),
                        new Deployment.Step("Sign rename the channel (main version 7)", null, "DONE",
                                "already in version 7", 6_000L, 7_000L))),
                Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains(">版本 3，2 个组织，4 个节点</span>",
                        ">签名：添加组织 Gamma Trust（通道 main 版本 4）</span>",
                        ">已由 Alpha Bank, beta 的管理员签名（共 2 个组织，多数组织同意，需要 2 个）</span>",
                        ">提交：添加组织 Gamma Trust（通道 main 版本 4）</span>",
                        ">已提交于区块 12，交易 0a1b2c3d4e5f6a7b</span>",
                        ">签名：将节点 c7-gamma-0 提升为投票者（通道 main 版本 5）</span>",
                        ">提交：列出 Alpha Bank 的 2 个已吊销证书（通道 main 版本 6）</span>",
                        ">已提交（结果从链上读回）</span>", ">已在版本 7 中</span>",
                        "data-step=\"Sign add organisation Gamma Trust (main version 4)\"")
                // a description the platform did not write stays as written inside its sentence
                .contains(">签名：rename the channel（通道 main 版本 7）</span>")
                .doesNotContain(">Sign ", ">Commit ", ">signed by", ">committed", ">version 3");
    }

    /**
     * A channel configuration change that was already in force wrote one step naming the change,
     * capitalised, and the channel ("Add organisation Gamma Trust in main"); it read in English in Chinese.
     */
    @Test
    void a_configuration_change_already_applied_reads_in_the_reader_s_language() {
        String applied = "Add organisation Gamma Trust in main";
        Deployment deployment = new Deployment(10, 7, "ADD_ORGANIZATION", "SUCCEEDED", null, "alice", 1_000L, 3_000L,
                List.of(new Deployment.Step(applied, null, "DONE", "already in version 7", 1_000L, 2_000L),
                        new Deployment.Step("List 2 revoked certificate(s) of Alpha Bank in main", null, "DONE",
                                null, 2_000L, 3_000L),
                        new Deployment.Step("Rename the channel in main", null, "DONE", null, 2_000L, 3_000L),
                        new Deployment.Step("Bind: address already in use", null, "DONE", null, 2_000L, 3_000L)));
        String chinese = render(deployment, Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains(">添加组织 Gamma Trust（通道 main）</span>", ">已在版本 7 中</span>",
                        ">列出 Alpha Bank 的 2 个已吊销证书（通道 main）</span>",
                        "data-step=\"Add organisation Gamma Trust in main\"", "title=\"Add organisation Gamma Trust in main\"")
                // a sentence the platform did not write that ends the same way stays as written
                .contains(">Rename the channel in main</span>", ">Bind: address already in use</span>")
                .doesNotContain(">Add organisation", ">List 2");
        assertThat(render(deployment, Locale.ENGLISH)).contains(">Add organisation Gamma Trust in main</span>",
                ">List 2 revoked certificate(s) of Alpha Bank in main</span>");
    }

    /**
     * A certificate operation's steps named the certificate's role by its code inside the sentence
     * ("续期 c7-alpha-0 的 NODE_TLS 证书", "Revoke USER certificate of app1"); it now reads as the
     * role's name in either language, the step as written (code too) in data-step and the tooltip.
     */
    @Test
    void a_certificate_s_role_reads_as_its_name_in_the_reader_s_language() {
        String renew = "Renew NODE_TLS certificate of c7-alpha-0 (Alpha Bank, serial 1f2e)";
        String revoke = "Revoke USER certificate of app1 (Alpha Bank, serial 5c6d)";
        String deleted = "Revoked in custody: USER app1 serial 5c6d revoked: cessationOfOperation: application deleted";
        Deployment deployment = new Deployment(12, 7, "REVOKE_CERT", "SUCCEEDED", null, "alice", 1_000L, 4_000L,
                List.of(new Deployment.Step(renew, "c7-alpha-0", "DONE", null, 1_000L, 2_000L),
                        new Deployment.Step(revoke, null, "DONE", "its holder gets a new certificate on next use",
                                2_000L, 3_000L),
                        new Deployment.Step(deleted, null, "DONE", "never used again", 3_000L, 4_000L),
                        new Deployment.Step("Renew CLIENT_TLS certificate of client@alpha (Alpha Bank, serial 7e8f)",
                                null, "DONE", null, 3_000L, 4_000L)));
        String chinese = render(deployment, Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains(">续期 c7-alpha-0 的 节点 TLS 证书（Alpha Bank，序列号 1f2e）</span>",
                        ">吊销 app1 的 用户 证书（Alpha Bank，序列号 5c6d）</span>",
                        ">已在托管中吊销：用户 app1 序列号 5c6d 已吊销：停止运营（cessationOfOperation）：应用已删除</span>",
                        ">续期 client@alpha 的 平台客户端 TLS 证书（Alpha Bank，序列号 7e8f）</span>",
                        "data-step=\"" + renew + "\"", "title=\"" + revoke + "\"", "data-step=\"" + deleted + "\"")
                .doesNotContain("的 NODE_TLS", "的 USER", "：USER", "的 CLIENT_TLS", "：cessationOfOperation: ");
        String english = render(deployment, Locale.ENGLISH);
        assertThat(english).contains(">Renew Node TLS certificate of c7-alpha-0 (Alpha Bank, serial 1f2e)</span>",
                        ">Revoke User certificate of app1 (Alpha Bank, serial 5c6d)</span>",
                        ">Revoked in custody: User app1 serial 5c6d revoked: cessationOfOperation: application deleted"
                                + "</span>",
                        ">Renew Platform client TLS certificate of client@alpha (Alpha Bank, serial 7e8f)</span>",
                        "data-step=\"" + renew + "\"")
                .doesNotContain(">Renew NODE_TLS", ">Revoke USER");
    }

    /** A certificate's renewal wrote its step's detail, the new serial and how long each stays valid, in English in Chinese. */
    @Test
    void a_certificate_renewal_s_detail_reads_in_the_reader_s_language() {
        String renewed = "new serial 3a4b, valid until 2027-12-06T00:00:00Z; serial 1f2e stays valid until"
                + " 2026-12-20T00:00:00Z";
        Deployment deployment = new Deployment(11, 7, "RENEW_CERTS", "SUCCEEDED", null, "alice", 1_000L, 2_000L,
                List.of(new Deployment.Step("Renew ADMIN certificate of admin@alpha (Alpha Bank, serial 1f2e)", null,
                        "DONE", renewed, 1_000L, 2_000L)));
        assertThat(render(deployment, Locale.SIMPLIFIED_CHINESE))
                .contains(">新序列号 3a4b，有效期至 2027-12-06T00:00:00Z；序列号 1f2e 仍有效至 2026-12-20T00:00:00Z</span>",
                        "data-detail=\"" + renewed + "\"", "title=\"" + renewed + "\"")
                .doesNotContain(">new serial");
        assertThat(render(deployment, Locale.ENGLISH)).contains(">" + renewed + "</span>");
    }
}
