package io.consortia.platform.identity;

/** A user's role in their own organisation. */
public enum OrganizationRole {
    /** Manages the organisation's users, consortia, keys and nodes. */
    ADMIN,
    /** Uses the organisation's channels (contract calls, explorer). */
    MEMBER
}
