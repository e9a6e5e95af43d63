package io.consortia.platform.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.identity.Callers.Role;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificatePolicyTest {
    static final long LEADER = 1;
    static final long OWNER = 2;
    static final long OTHER = 3;
    static final Consortium CONSORTIUM = Callers.consortiumLedBy(LEADER);
    /** The caller's organisation's relation to the consortium and to the certificate (of OWNER). */
    static final Map<String, Long> RELATIONS = Map.of("LEADER_ORGANIZATION", LEADER, "OWNER_ORGANIZATION", OWNER,
            "OTHER_MEMBER", OTHER);

    @ParameterizedTest(name = "{0} of {1}: manage={2} manage all={3} renew some={4} see a user's={5} see a node's={6}")
    @CsvSource({
            "PLATFORM_ADMIN,      NONE,                true,  true,  true,  true,  true",
            "AUDITOR,             NONE,                false, false, false, true,  true",
            "ORGANIZATION_ADMIN,  LEADER_ORGANIZATION, true,  true,  true,  true,  true",
            "ORGANIZATION_MEMBER, LEADER_ORGANIZATION, false, false, false, false, true",
            "ORGANIZATION_ADMIN,  OWNER_ORGANIZATION,  true,  false, true,  true,  true",
            "ORGANIZATION_MEMBER, OWNER_ORGANIZATION,  false, false, false, true,  true",
            "ORGANIZATION_ADMIN,  OTHER_MEMBER,        false, false, true,  false, true",
            "ORGANIZATION_MEMBER, OTHER_MEMBER,        false, false, false, false, true",
    })
    void table(Role role, String relation, boolean manage, boolean manageAll, boolean renewSome, boolean seeUser,
            boolean seeNode) {
        Caller caller = Callers.of(role, relation, RELATIONS);
        assertThat(CertificatePolicy.canManage(caller, CONSORTIUM, OWNER)).isEqualTo(manage);
        assertThat(CertificatePolicy.canManageAll(caller, CONSORTIUM)).isEqualTo(manageAll);
        assertThat(CertificatePolicy.canRenewSome(caller, CONSORTIUM)).isEqualTo(renewSome);
        assertThat(CertificatePolicy.canSee(caller, CONSORTIUM, OWNER, KeyPurpose.USER)).isEqualTo(seeUser);
        assertThat(CertificatePolicy.canSee(caller, CONSORTIUM, OWNER, KeyPurpose.CLIENT_TLS)).isEqualTo(seeUser);
        assertThat(CertificatePolicy.canSee(caller, CONSORTIUM, OWNER, KeyPurpose.NODE)).isEqualTo(seeNode);
    }
}
