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

    @ParameterizedTest(name = "{0} of {1}: renew={2} renew all={3} renew some={4} revoke={5} choose validity={6} "
            + "see a user's={7} see a node's={8}")
    @CsvSource({
            "PLATFORM_ADMIN,      NONE,                true,  true,  true,  true,  true,  true,  true",
            "AUDITOR,             NONE,                false, false, false, false, false, true,  true",
            // The leader renews another organisation's certificates, but neither revokes nor shortens them.
            "ORGANIZATION_ADMIN,  LEADER_ORGANIZATION, true,  true,  true,  false, false, true,  true",
            "ORGANIZATION_MEMBER, LEADER_ORGANIZATION, false, false, false, false, false, false, true",
            "ORGANIZATION_ADMIN,  OWNER_ORGANIZATION,  true,  false, true,  true,  true,  true,  true",
            "ORGANIZATION_MEMBER, OWNER_ORGANIZATION,  false, false, false, false, false, true,  true",
            "ORGANIZATION_ADMIN,  OTHER_MEMBER,        false, false, true,  false, false, false, true",
            "ORGANIZATION_MEMBER, OTHER_MEMBER,        false, false, false, false, false, false, true",
    })
    void table(Role role, String relation, boolean renew, boolean renewAll, boolean renewSome, boolean revoke,
            boolean chooseValidity, boolean seeUser, boolean seeNode) {
        Caller caller = Callers.of(role, relation, RELATIONS);
        assertThat(CertificatePolicy.canRenew(caller, CONSORTIUM, OWNER)).isEqualTo(renew);
        assertThat(CertificatePolicy.canRenewAll(caller, CONSORTIUM)).isEqualTo(renewAll);
        assertThat(CertificatePolicy.canRenewSome(caller, CONSORTIUM)).isEqualTo(renewSome);
        assertThat(CertificatePolicy.canRevoke(caller, OWNER)).isEqualTo(revoke);
        assertThat(CertificatePolicy.canChooseValidity(caller, OWNER)).isEqualTo(chooseValidity);
        assertThat(CertificatePolicy.canSee(caller, CONSORTIUM, OWNER, KeyPurpose.USER)).isEqualTo(seeUser);
        assertThat(CertificatePolicy.canSee(caller, CONSORTIUM, OWNER, KeyPurpose.CLIENT_TLS)).isEqualTo(seeUser);
        assertThat(CertificatePolicy.canSee(caller, CONSORTIUM, OWNER, KeyPurpose.NODE)).isEqualTo(seeNode);
    }
}
