package io.consortia.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.web.ConsolePage;
import org.junit.jupiter.api.Test;

/**
 * The platform's packages by feature depend on each other in one direction (see
 * docs/platform-architecture.md), and only the local deployer knows that nodes are processes
 * on this machine, so that other deployment targets fit behind the Deployer SPI.
 */
class ArchitectureTest {
    private static final String ROOT = "io.consortia.platform";
    private static final String FIXTURE = ROOT + ".archfixture";
    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Every package directly under {@code root} is a slice; no slice may reach itself through others. */
    static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1").should().beFreeOfCycles();
    }

    /** Process APIs are used in {@code root}'s {@code localPackage} only. */
    static ArchRule onlyLocalKnowsProcesses(String root, String localPackage) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(localPackage + "..")
                .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Process.class, ProcessHandle.class)
                .because("nodes may run anywhere a Deployer puts them; only deploy.local runs them as local processes");
    }

    @Test
    void feature_packages_are_free_of_cycles() {
        featuresFreeOfCycles(ROOT).check(PLATFORM);
    }

    @Test
    void only_the_local_deployer_knows_local_processes() {
        onlyLocalKnowsProcesses(ROOT, ROOT + ".deploy.local").check(PLATFORM);
    }

    /** The cluster is the Kubernetes deployer's business: no other feature talks to it or knows its resources. */
    @Test
    void only_the_kubernetes_deployer_knows_the_cluster() {
        noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackage(ROOT + ".deploy.kubernetes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.consortia.operator..")
                .because("nodes may run anywhere a Deployer puts them; only deploy.kubernetes writes to a cluster")
                .check(PLATFORM);
    }

    /** Pages offer exactly what the API allows because they ask the feature's policy, never the caller's role. */
    @Test
    void console_pages_ask_the_policies_not_the_callers_role() {
        noClasses().that().areAnnotatedWith(ConsolePage.class)
                .should().callMethod(Caller.class, "isAdminOf", long.class)
                .orShould().callMethod(Caller.class, "belongsTo", long.class)
                .orShould().callMethod(Caller.class, "seesEverything")
                .orShould().callMethod(Caller.class, "isOrganizationAdmin")
                .orShould().callMethod(Caller.class, "isPlatformAdmin")
                .orShould().callMethod(Caller.class, "isAuditor")
                .because("each feature's *Policy decides, for its service and its pages alike")
                .check(PLATFORM);
    }

    /** The rules can fail: a fixture of two packages that use each other, one of them starting a process. */
    @Test
    void the_rules_report_a_cycle_and_a_process_outside_the_local_package() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);
        assertThatThrownBy(() -> featuresFreeOfCycles(FIXTURE).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected: alpha -> ")
                .hasMessageContaining("beta -> ");
        assertThatThrownBy(() -> onlyLocalKnowsProcesses(FIXTURE, FIXTURE + ".local").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("archfixture.beta.Beta")
                .hasMessageContaining("ProcessHandle")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                        .doesNotContain("archfixture.local.Local."));
    }
}
