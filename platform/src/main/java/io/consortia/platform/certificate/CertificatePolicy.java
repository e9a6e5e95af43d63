package io.consortia.platform.certificate;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumPolicy;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.identity.Caller;

/**
 * Who may see and act on a consortium's certificates, for the service and the console page
 * alike. Pure functions of the caller and the facts passed in.
 */
public final class CertificatePolicy {
    private CertificatePolicy() {}

    /**
     * Renew or revoke a certificate of an organisation: its admin, the consortium leader, a
     * platform admin.
     */
    public static boolean canManage(Caller caller, Consortium consortium, long organizationId) {
        return caller.isAdminOf(organizationId) || canManageAll(caller, consortium);
    }

    /** Renew or revoke any certificate of the consortium: the consortium leader, a platform admin. */
    public static boolean canManageAll(Caller caller, Consortium consortium) {
        return caller.isPlatformAdmin() || ConsortiumPolicy.canLead(caller, consortium);
    }

    /** Renew what expires soon: every organisation's (leader, platform admin) or their own (an organisation admin). */
    public static boolean canRenewSome(Caller caller, Consortium consortium) {
        return canManageAll(caller, consortium) || caller.isOrganizationAdmin();
    }

    /**
     * Whether a member sees a certificate in the inventory (the caller already sees the
     * consortium). Roots, admins and nodes are on chain and in every handshake, so every member
     * sees them; which users an organisation has is its own business (and the leader's, the
     * platform admin's and auditors').
     */
    public static boolean canSee(Caller caller, Consortium consortium, long organizationId, KeyPurpose role) {
        if (role != KeyPurpose.USER && role != KeyPurpose.CLIENT_TLS) {
            return true;
        }
        return caller.seesEverything() || caller.belongsTo(organizationId) || ConsortiumPolicy.canLead(caller, consortium);
    }
}
