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
     * Renew a certificate of an organisation for the default validity: its admin, the consortium
     * leader, a platform admin. A renewal keeps the old certificate valid (the overlap) and the
     * identity working, so the leader may keep every member's certificates from expiring.
     */
    public static boolean canRenew(Caller caller, Consortium consortium, long organizationId) {
        return caller.isAdminOf(organizationId) || canRenewAll(caller, consortium);
    }

    /** Renew any certificate of the consortium: the consortium leader, a platform admin. */
    public static boolean canRenewAll(Caller caller, Consortium consortium) {
        return caller.isPlatformAdmin() || ConsortiumPolicy.canLead(caller, consortium);
    }

    /** Renew what expires soon: every organisation's (leader, platform admin) or their own (an organisation admin). */
    public static boolean canRenewSome(Caller caller, Consortium consortium) {
        return canRenewAll(caller, consortium) || caller.isOrganizationAdmin();
    }

    /**
     * Decide how long an organisation's certificates are valid ({@code validityDays}, which can
     * make one in use expire tomorrow): its admin, a platform admin. Not the leader: shortening
     * another organisation's certificates is that organisation's decision.
     */
    public static boolean canChooseValidity(Caller caller, long organizationId) {
        return caller.isAdminOf(organizationId) || caller.isPlatformAdmin();
    }

    /**
     * Revoke a certificate of an organisation, or put its revocations on chain: its admin, a
     * platform admin (incident response). Not the leader: a revocation is that organisation's
     * decision, and putting it on chain makes the organisation's custodial admin key sign
     * configuration changes, in channels the leader's organisation may not even be in.
     */
    public static boolean canRevoke(Caller caller, long organizationId) {
        return caller.isAdminOf(organizationId) || caller.isPlatformAdmin();
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
