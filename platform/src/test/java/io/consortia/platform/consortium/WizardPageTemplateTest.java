package io.consortia.platform.consortium;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wizard showed its form to members, auditors and the platform admin, who learnt only after
 * filling it in (a 403) that an organisation admin creates a consortium.
 */
class WizardPageTemplateTest {

    private static String main(Locale locale, boolean canCreate) {
        return ConsoleTemplates.render("console/consortium-new", "main", locale, Map.of("canCreate", canCreate,
                "schemes", SchemeChoice.values(), "targets", List.of(NewConsortium.DeploymentTarget.LOCAL),
                "kubernetes", false));
    }

    @Test
    void who_may_not_create_a_consortium_is_told_so_and_offered_no_form() {
        String english = main(Locale.ENGLISH, false);
        assertThat(english).contains("Only an organisation admin may create a consortium")
                .doesNotContain("wizard-details").doesNotContain("wizard-next");
        assertThat(main(Locale.SIMPLIFIED_CHINESE, false)).contains("只有组织管理员可以创建联盟")
                .doesNotContain("wizard-details");
    }

    @Test
    void an_organisation_admin_gets_the_form() {
        assertThat(main(Locale.ENGLISH, true)).contains("id=\"wizard-details\"", "id=\"wizard-next\"")
                .doesNotContain("wizard-not-allowed");
    }

    /**
     * Back after step 1 and the same details again met only "name already taken" by the user's own new
     * consortium: the form names the organisation whose undeployed consortia console.js looks among, and
     * holds the link to continue its setup (WizardBackConsoleIT follows it in a browser).
     */
    @Test
    void the_form_can_offer_to_continue_the_setup_of_the_organisations_own_consortium() {
        io.consortia.platform.console.Viewer zhao = new io.consortia.platform.console.Viewer("zhao",
                "ORGANIZATION_ADMIN", 3L, "zhao-org", false, false, true);
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            String page = ConsoleTemplates.render("console/consortium-new", "form#wizard-details", locale, Map.of(
                    "canCreate", true, "schemes", SchemeChoice.values(), "targets",
                    List.of(NewConsortium.DeploymentTarget.LOCAL), "kubernetes", false, "viewer", zhao));
            assertThat(page).contains("data-own-drafts=\"3\"").contains("id=\"wizard-continue\" hidden")
                    .contains("id=\"wizard-continue-link\"").doesNotContain("??");
            assertThat(page).contains(locale == Locale.ENGLISH ? "Continue its setup" : "继续设置该联盟");
        }
    }
}
