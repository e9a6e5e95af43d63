package io.consortia.platform.audit;

import io.consortia.platform.identity.Caller;

/** Who sees which part of the audit trail; the API and the console page both ask here. */
public final class AuditPolicy {
    private AuditPolicy() {}

    /** Auditors and platform admins: every record, the verify walk and the anchors. */
    public static boolean seesAll(Caller caller) {
        return caller.seesEverything();
    }

    /** Organisation admins: the records of their own organisation's users and keys. */
    public static boolean seesOwnOrganization(Caller caller) {
        return caller.isOrganizationAdmin();
    }

    public static boolean canSearch(Caller caller) {
        return seesAll(caller) || seesOwnOrganization(caller);
    }

    /** Notarizing the head on demand writes to a channel: platform admins only (auditors only read). */
    public static boolean canAnchor(Caller caller) {
        return caller.isPlatformAdmin();
    }
}
