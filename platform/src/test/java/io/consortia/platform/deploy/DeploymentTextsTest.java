package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeploymentTextsTest {
    private final DeploymentTexts texts = new DeploymentTexts(ConsoleTemplates.messages());

    /** Each sentence with arguments named after their place; no other sentence takes it for its own. */
    @Test
    void every_sentence_the_platform_writes_reads_in_chinese_and_in_english_as_written() {
        for (DeploymentTexts.Text text : DeploymentTexts.texts()) {
            // a coded argument is a code (MAJORITY), shown as its label, or as written if it has none;
            // a sentence argument is one of the platform's sentences, capitalised; a list argument
            // holds items of its own (a deleted node's certificate)
            String written = text.of(IntStream.range(0, text.arity())
                    .mapToObj(i -> text.isCoded(i) ? "CODE_" + (char) ('A' + i)
                            : text.isSentence(i) ? "Remove node arg-" + i
                            : text.isList(i) ? "CODE_" + (char) ('A' + i) + " serial arg-" + i : "arg-" + i).toArray());
            String chinese = texts.text(written, Locale.SIMPLIFIED_CHINESE);
            assertThat(chinese).as(text.key()).isNotEqualTo(written);
            IntStream.range(0, text.arity()).forEach(i -> assertThat(chinese).as(text.key())
                    .contains(text.isCoded(i) ? "CODE_" + (char) ('A' + i) : "arg-" + i));
            assertThat(texts.text(written, Locale.ENGLISH)).as(text.key() + " in English").isEqualTo(written);
        }
        assertThat(texts.text(DeploymentTexts.PODS_READY.of(2, 3), Locale.SIMPLIFIED_CHINESE)).isEqualTo("Pod 就绪 2/3");
        assertThat(texts.text(DeploymentRepository.INTERRUPTED, Locale.SIMPLIFIED_CHINESE)).isEqualTo("被平台重启中断");
        assertThat(texts.text(DeploymentTexts.AWAIT_NAMESPACE_REMOVED.of("consortia-c7"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("等待命名空间 consortia-c7 被删除");
    }

    /** A node's log, a library's error and a step a feature names itself stay as written. */
    @Test
    void a_sentence_the_platform_did_not_write_stays_as_written() {
        for (String written : List.of("Hold the consortium", "Remove organisation 3 from the channel main",
                "Start node c1-org1-0 twice", "Renew TLS of c1-org1-0", "Connection refused")) {
            assertThat(texts.text(written, Locale.SIMPLIFIED_CHINESE)).isEqualTo(written);
        }
        assertThat(texts.text(null, Locale.SIMPLIFIED_CHINESE)).isNull();
        // the node's own words after the platform's sentence stay as written
        assertThat(texts.text(DeploymentTexts.EXITED_DURING_START.of("c1-org1-0", "Error: port 7051 in use\nbye"),
                Locale.SIMPLIFIED_CHINESE)).isEqualTo("节点 c1-org1-0 在启动期间退出；其日志为：\nError: port 7051 in use\nbye");
    }

    /** A user contract's lifecycle steps: a code reads as its label, the rules' names and a node's words stay as written. */
    @Test
    void a_contract_lifecycle_s_sentences_read_in_chinese() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(texts.text(DeploymentTexts.PROPOSE_CONTRACT.of("records", "1.0.0", 1, "ALL", ""), zh))
                .isEqualTo("提议 records 1.0.0（序号 1，全部组织同意）");
        assertThat(texts.text(DeploymentTexts.PROPOSE_CONTRACT.of("records", "1.0.0", 1, "MAJORITY",
                "; put: org1, org2 / writer; get: any organisation"), zh))
                .isEqualTo("提议 records 1.0.0（序号 1，多数组织同意；put：org1, org2 / writer；get：任何组织）");
        assertThat(texts.text(DeploymentTexts.PROPOSE_UPGRADE.of("records", "2.0.0", 3), zh))
                .isEqualTo("提议将 records 升级到 2.0.0（序号 3）");
        assertThat(texts.text(DeploymentTexts.PROPOSE_UNFREEZE.of("records", 4), zh)).isEqualTo("提议解冻 records（序号 4）");
        assertThat(texts.text(DeploymentTexts.APPROVE_FOR.of("Org One"), zh)).isEqualTo("代表 Org One 批准（由 admin@Org One 签名）");
        assertThat(texts.text(DeploymentTexts.CONTRACT_COMMITTED.of("records", "1.0.0", 2, "FROZEN", "3f", "ANY", "9b",
                "org1", 7, "tx"), zh)).isEqualTo("records 1.0.0 序号 2 已冻结，代码哈希 3f，策略 任一组织同意，摘要 9b，批准组织 org1；区块 7，交易 tx");
        assertThat(texts.text(DeploymentTexts.NODE_REFUSED_TRANSACTION.of("MALFORMED", "bad\npayload"), zh))
                .isEqualTo("节点拒绝了该交易（MALFORMED）：bad\npayload");
        // the rules as the lifecycle has always written them into the step
        assertThat(DeploymentTexts.CALLER_RULE.of("get", DeploymentTexts.ANY_ORGANIZATION.of())
                + DeploymentTexts.CALLER_RULE.of("mint", DeploymentTexts.ANY_ORGANIZATION_IN_ROLES.of("admin")))
                .isEqualTo("; get: any organisation; mint: any organisation / admin");
        // in English the sentence reads as written, its codes too
        String proposed = DeploymentTexts.PROPOSE_CONTRACT.of("records", "1.0.0", 1, "MAJORITY", "; put: org1");
        assertThat(texts.text(proposed, Locale.ENGLISH)).isEqualTo(proposed);
        // a policy the console has no label for stays as written; so does a sentence close to the platform's
        assertThat(texts.text(DeploymentTexts.PROPOSE_CONTRACT.of("records", "1.0.0", 1, "SOME", ""), zh))
                .isEqualTo("提议 records 1.0.0（序号 1，SOME）");
        for (String written : List.of("Propose records", "Commit records", "Approve for org1",
                "Propose freeze of records", "Propose records 1.0.0 (sequence 1, majority)")) {
            assertThat(texts.text(written, zh)).isEqualTo(written);
        }
    }

    /**
     * A certificate operation's steps wrote the certificate's role as its code (NODE_TLS), in Chinese
     * and English sentences alike; it reads as the role's name in either language, as the
     * certificates page names it, while the sentence is written as before.
     */
    @Test
    void a_certificate_s_role_reads_as_its_name_in_either_language() {
        String renew = DeploymentTexts.RENEW.of("NODE_TLS", "c7-alpha-0", "Alpha Bank", "1f2e");
        assertThat(renew).isEqualTo("Renew NODE_TLS certificate of c7-alpha-0 (Alpha Bank, serial 1f2e)");
        assertThat(texts.text(renew, Locale.SIMPLIFIED_CHINESE)).isEqualTo("续期 c7-alpha-0 的 节点 TLS 证书（Alpha Bank，序列号 1f2e）");
        assertThat(texts.text(renew, Locale.ENGLISH)).isEqualTo("Renew Node TLS certificate of c7-alpha-0 (Alpha Bank, serial 1f2e)");
        String revoke = DeploymentTexts.REVOKE.of("ADMIN", "admin@alpha", "Alpha Bank", "5c6d");
        assertThat(texts.text(revoke, Locale.SIMPLIFIED_CHINESE)).isEqualTo("吊销 admin@alpha 的 组织管理员 证书（Alpha Bank，序列号 5c6d）");
        assertThat(texts.text(revoke, Locale.ENGLISH)).isEqualTo("Revoke Organisation admin certificate of admin@alpha (Alpha Bank, serial 5c6d)");
        // a deleted application's revocation, named inside its step as the REST API answers it: its reason's RFC 5280 code
        // reads by its name, the code beside it
        String revoked = DeploymentTexts.REVOKED_CERTIFICATE.of("USER", "app1", "5c6d", "cessationOfOperation: gone");
        assertThat(revoked).isEqualTo("USER app1 serial 5c6d revoked: cessationOfOperation: gone");
        String deleted = DeploymentTexts.REVOKED_IN_CUSTODY.of(revoked);
        assertThat(texts.text(deleted, Locale.SIMPLIFIED_CHINESE)).isEqualTo("已在托管中吊销：用户 app1 序列号 5c6d 已吊销：停止运营（cessationOfOperation）：gone");
        assertThat(texts.text(deleted, Locale.ENGLISH)).isEqualTo("Revoked in custody: User app1 serial 5c6d revoked: cessationOfOperation: gone");
        // a role this console has no name for stays as written
        String unknown = DeploymentTexts.RENEW.of("WITNESS", "w1", "Alpha Bank", "9a");
        assertThat(texts.text(unknown, Locale.ENGLISH)).isEqualTo(unknown);
        assertThat(texts.text(unknown, Locale.SIMPLIFIED_CHINESE)).isEqualTo("续期 w1 的 WITNESS 证书（Alpha Bank，序列号 9a）");
        for (io.consortia.platform.custody.KeyPurpose role : io.consortia.platform.custody.KeyPurpose.values()) {
            String written = DeploymentTexts.RENEW.of(role, "s1", "Alpha Bank", "9a");
            assertThat(texts.text(written, Locale.SIMPLIFIED_CHINESE)).as(role.name()).doesNotContain(role.name());
            assertThat(texts.text(written, Locale.ENGLISH)).as(role.name()).doesNotContain(role.name());
        }
    }

    /**
     * Deleting a node revokes its certificates, and the step's detail listed them in English on a
     * Chinese progress page ("[NODE_TLS serial 3a4b, NODE serial 5c6d] revoked: ..."): each reads by its role's
     * name and serial in the reader's language, the reason with its RFC 5280 code.
     */
    @Test
    void a_deleted_node_s_revoked_certificates_read_in_the_reader_s_language() {
        String written = DeploymentTexts.NODE_CERTIFICATES_REVOKED.of(String.join(DeploymentTexts.LIST_SEPARATOR,
                DeploymentTexts.NODE_CERTIFICATE.of("NODE_TLS", "3a4b"),
                DeploymentTexts.NODE_CERTIFICATE_SUPERSEDED.of("NODE", "5c6d")), DeploymentService.NODE_DELETED);
        assertThat(written).isEqualTo("NODE_TLS serial 3a4b, NODE serial 5c6d (superseded) revoked: "
                + DeploymentService.NODE_DELETED);
        String reason = new io.consortia.platform.custody.RevocationReasons(ConsoleTemplates.messages())
                .text(DeploymentService.NODE_DELETED, Locale.SIMPLIFIED_CHINESE);
        assertThat(reason).startsWith("停止运营（cessationOfOperation）：");
        assertThat(texts.text(written, Locale.SIMPLIFIED_CHINESE)).isEqualTo("节点 TLS 序列号 3a4b、"
                + text("certificate.role.NODE", Locale.SIMPLIFIED_CHINESE) + " 序列号 5c6d（已被替换） 已吊销：" + reason);
        assertThat(texts.text(written, Locale.ENGLISH)).isEqualTo("Node TLS serial 3a4b, "
                + text("certificate.role.NODE", Locale.ENGLISH) + " serial 5c6d (superseded) revoked: "
                + DeploymentService.NODE_DELETED);
        // one certificate alone, and a list with an item the platform did not write, which stays as written
        assertThat(texts.text(DeploymentTexts.NODE_CERTIFICATES_REVOKED.of(DeploymentTexts.NODE_CERTIFICATE.of("NODE_TLS",
                "3a4b"), "keyCompromise: stolen"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("节点 TLS 序列号 3a4b 已吊销：密钥泄露（keyCompromise）：stolen");
        String foreign = "NODE_TLS serial 3a4b, a key we lost revoked: keyCompromise: stolen";
        assertThat(texts.text(foreign, Locale.SIMPLIFIED_CHINESE)).isEqualTo(foreign);
    }

    private static String text(String key, Locale locale) {
        return ConsoleTemplates.messages().getMessage(key, null, locale);
    }

    /** A configuration change's steps name the change, itself one of the platform's sentences, or as written. */
    @Test
    void a_configuration_change_s_description_reads_in_chinese_inside_its_step() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(texts.text(DeploymentTexts.COMMIT_CHANGE.of(DeploymentTexts.REMOVE_ORGANIZATION_CHANGE.of("Beta Co"),
                "main", 9), zh)).isEqualTo("提交：移除组织 Beta Co（通道 main 版本 9）");
        assertThat(texts.text(DeploymentTexts.SIGN_CHANGE.of(DeploymentTexts.ADD_LEARNER.of("c7-beta-1"), "main", 3),
                zh)).isEqualTo("签名：将节点 c7-beta-1 添加为学习者（通道 main 版本 3）");
        assertThat(texts.text(DeploymentTexts.SIGN_CHANGE.of("set the batch size", "main", 3), zh))
                .isEqualTo("签名：set the batch size（通道 main 版本 3）");
        String written = DeploymentTexts.SIGN_CHANGE.of(DeploymentTexts.DEMOTE.of("c7-beta-1"), "main", 3);
        assertThat(texts.text(written, Locale.ENGLISH)).isEqualTo(written);
        // not the contract's commit, nor a node's removal from the consortium
        assertThat(texts.text("Commit records sequence 2", zh)).isEqualTo("提交 records 序号 2");
        assertThat(texts.text("Remove c7-beta-1", zh)).isEqualTo(texts.text(DeploymentTexts.REMOVE.of("c7-beta-1"), zh))
                .isNotEqualTo(texts.text(DeploymentTexts.REMOVE_NODE.of("c7-beta-1"), zh));
    }

    @Test
    void both_languages_have_every_sentence() throws IOException {
        List<String> keys = DeploymentTexts.texts().stream().map(DeploymentTexts.Text::key).toList();
        for (String bundle : List.of("i18n/console.properties", "i18n/console_zh_CN.properties")) {
            Properties messages = new Properties();
            try (Reader in = new InputStreamReader(getClass().getClassLoader().getResourceAsStream(bundle),
                    StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            assertThat(messages.stringPropertyNames()).as(bundle).containsAll(keys);
        }
    }
}
