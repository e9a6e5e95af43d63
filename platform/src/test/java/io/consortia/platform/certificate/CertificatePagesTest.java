package io.consortia.platform.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.certificate.CertificatePages.Publishable;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.identity.Callers.Role;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Certificates tab's "put revocations on chain" buttons: one per organisation the caller may
 * publish for that has revoked certificates not yet expired. It showed for an organisation with
 * nothing revoked, and the click was refused with "nothing to put on chain" (409).
 */
class CertificatePagesTest {
    private static final long CONSORTIUM = 7;
    private static final Organization ORG1 = new Organization(3, "org1", "ORG1", 0);
    private static final Organization ORG2 = new Organization(4, "org2", "ORG2", 0);

    private final ConsortiumService consortia = mock(ConsortiumService.class);
    private final CertificateService certificates = mock(CertificateService.class);
    private final CertificatePages pages = new CertificatePages(mock(CurrentUser.class), consortia, certificates,
            mock(DeploymentService.class));

    @BeforeEach
    void members() {
        when(consortia.members(CONSORTIUM)).thenReturn(List.of(ORG1, ORG2));
    }

    @Test
    void an_organisation_with_nothing_revoked_gets_no_button() {
        when(certificates.revocationsToPublish(CONSORTIUM)).thenReturn(Map.of());
        assertThat(pages.publishable(Callers.of(Role.ORGANIZATION_ADMIN, ORG1.id()), CONSORTIUM)).isEmpty();
        assertThat(pages.publishable(Callers.of(Role.PLATFORM_ADMIN, null), CONSORTIUM)).isEmpty();
    }

    @Test
    void each_organisation_with_revocations_gets_its_button_for_whoever_may_publish_them() {
        when(certificates.revocationsToPublish(CONSORTIUM)).thenReturn(Map.of(ORG2.id(), 2L));
        assertThat(pages.publishable(Callers.of(Role.ORGANIZATION_ADMIN, ORG1.id()), CONSORTIUM)).isEmpty();
        assertThat(pages.publishable(Callers.of(Role.ORGANIZATION_ADMIN, ORG2.id()), CONSORTIUM))
                .containsExactly(new Publishable(ORG2.id(), "ORG2", 2));
        assertThat(pages.publishable(Callers.of(Role.ORGANIZATION_MEMBER, ORG2.id()), CONSORTIUM)).isEmpty();

        when(certificates.revocationsToPublish(CONSORTIUM)).thenReturn(Map.of(ORG1.id(), 1L, ORG2.id(), 2L));
        assertThat(pages.publishable(Callers.of(Role.PLATFORM_ADMIN, null), CONSORTIUM))
                .containsExactly(new Publishable(ORG1.id(), "ORG1", 1), new Publishable(ORG2.id(), "ORG2", 2));
    }

    /** A platform admin's buttons, one per organisation: each on its own row, naming it and what it lists. */
    @Test
    void each_organisation_s_button_sits_in_its_own_row_naming_it_in_english_and_chinese() {
        List<Publishable> two = List.of(new Publishable(ORG1.id(), "ORG1", 1), new Publishable(ORG2.id(), "ORG2", 2));
        String english = publishSection(Locale.ENGLISH, two);
        assertThat(english).contains("<li data-organization=\"3\">").contains("<li data-organization=\"4\">")
                .contains("ORG1: one revoked certificate not expired")
                .contains("ORG2: 2 revoked certificates not expired")
                .contains(">Put ORG1&#39;s revocation list on chain</button></li>")
                .contains(">Put ORG2&#39;s revocation list on chain</button></li>")
                .contains("/api/v1/consortia/7/certificates/revocations/4/publish");
        String chinese = publishSection(Locale.SIMPLIFIED_CHINESE, two);
        assertThat(chinese).contains("ORG2：2 张未过期的已吊销证书").contains(">将 ORG2 的吊销列表写入链上</button></li>")
                .doesNotContain("??");
        assertThat(publishSection(Locale.ENGLISH, List.of())).doesNotContain("publish-revocations");
    }

    private static String publishSection(Locale locale, List<Publishable> publishable) {
        return ConsoleTemplates.render("console/certificates", "section#publish-revocations", locale,
                Map.of("consortium", Map.of("id", CONSORTIUM), "publishable", publishable));
    }
}
