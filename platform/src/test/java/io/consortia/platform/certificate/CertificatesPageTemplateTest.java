package io.consortia.platform.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.console.Formats;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.custody.RevocationReasons;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Chinese Certificates tab showed a revoked certificate's reason as the platform stores it
 * ("由 admin 吊销：cessationOfOperation: application deleted"): RFC 5280's reason code now reads
 * by its name, the code beside it, and the words the platform wrote itself in Chinese; what
 * someone typed stays as typed, and the English page shows the reason as stored.
 */
class CertificatesPageTemplateTest {
    private static CertificatePages.Row revoked(String serial, String reason) {
        return new CertificatePages.Row(new CertificateView(7, 3, "org1", KeyPurpose.USER, "app:erp", serial, "CA",
                0, 1, 1, CertificateStatus.REVOKED, false, null, 1L, "alice", reason), false, false);
    }

    private static String table(Locale locale) {
        return ConsoleTemplates.render("console/certificates", "table#certificates-table", locale,
                Map.of("consortium", new Consortium(7, "Alliance", SchemeChoice.SM2, 1, "RAFT", "LOCAL", 3,
                                ConsortiumStatus.CREATED, 0),
                        "status", "", "rows", List.of(
                                revoked("1a", CertificateService.APPLICATION_DELETED),
                                revoked("2b", "keyCompromise: laptop stolen"),
                                revoked("3c", "superseded"),
                                revoked("4d", "key compromise"),
                                revoked("5e", "left the company"))),
                Map.of("fmt", new Formats(), "revocationReasons", new RevocationReasons(ConsoleTemplates.messages())));
    }

    @Test
    void a_revocation_reason_reads_in_the_reader_s_language_with_its_rfc_5280_code() {
        assertThat(table(Locale.SIMPLIFIED_CHINESE)).contains(
                        ">由 alice 吊销：停止运营（cessationOfOperation）：应用已删除</div>",
                        ">由 alice 吊销：密钥泄露（keyCompromise）：laptop stolen</div>",
                        ">由 alice 吊销：已被取代（superseded）</div>",
                        ">由 alice 吊销：密钥泄露（key compromise）</div>",
                        ">由 alice 吊销：left the company</div>")
                .doesNotContain("cessationOfOperation: ", "application deleted", "keyCompromise: ");
        assertThat(table(Locale.ENGLISH)).contains(
                ">Revoked by alice: cessationOfOperation: application deleted</div>",
                ">Revoked by alice: keyCompromise: laptop stolen</div>",
                ">Revoked by alice: superseded</div>", ">Revoked by alice: key compromise</div>",
                ">Revoked by alice: left the company</div>");
    }
}
