package io.consortia.platform.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers.Role;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.system.PlatformException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationPolicyTest {
    static final long OWN = 1;
    static final long OTHER = 2;

    /** Whether the caller belongs to the organisation in question. */
    static final Map<String, Long> RELATIONS = Map.of("OWN_ORGANIZATION", OWN, "OTHER_ORGANIZATION", OTHER);

    @ParameterizedTest(name = "{0} of {1}: create={2} read every={3} read private={4} manage members={5} export keys={6}")
    @CsvSource({
            "PLATFORM_ADMIN,      NONE,               true,  true,  true,  true,  false",
            "AUDITOR,             NONE,               false, true,  true,  false, false",
            "ORGANIZATION_ADMIN,  OWN_ORGANIZATION,   false, false, true,  true,  true",
            "ORGANIZATION_MEMBER, OWN_ORGANIZATION,   false, false, true,  false, false",
            "ORGANIZATION_ADMIN,  OTHER_ORGANIZATION, false, false, false, false, false",
            "ORGANIZATION_MEMBER, OTHER_ORGANIZATION, false, false, false, false, false",
    })
    void table(Role role, String relation, boolean create, boolean readEvery, boolean readPrivate,
            boolean manageMembers, boolean exportKeys) {
        Caller caller = Callers.of(role, relation, RELATIONS);
        assertThat(OrganizationPolicy.canCreate(caller)).as("create").isEqualTo(create);
        assertThat(OrganizationPolicy.canReadEvery(caller)).as("read every").isEqualTo(readEvery);
        assertThat(OrganizationPolicy.canReadPrivate(caller, OWN)).as("read private").isEqualTo(readPrivate);
        assertThat(OrganizationPolicy.canManageMembers(caller, OWN)).as("manage members").isEqualTo(manageMembers);
        assertThat(OrganizationPolicy.canExportKeys(caller, OWN)).as("export keys").isEqualTo(exportKeys);
        if (readPrivate) {
            assertThatCode(() -> OrganizationPolicy.requireReadPrivate(caller, OWN)).doesNotThrowAnyException();
        } else {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> OrganizationPolicy.requireReadPrivate(caller, OWN))
                    .isInstanceOf(PlatformException.class).hasMessageContaining("visible only to its own users");
        }
    }
}
