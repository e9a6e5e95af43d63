package io.consortia.platform.identity;

/** Roles that span the whole platform. */
public enum PlatformRole {
    /** Creates organisations and users, sees everything; holds no organisation's keys. */
    ADMIN,
    /** Read-only access to everything; every change is refused with 403. */
    AUDITOR
}
