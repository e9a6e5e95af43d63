package io.consortia.platform.identity;

/**
 * A stored user. The password hash never leaves the identity package's repository and services.
 * {@code credentialsVersion} moves on with every password change, ending older sessions.
 */
public record UserAccount(long id, String username, String passwordHash, PlatformRole platformRole,
        Long organizationId, OrganizationRole organizationRole, long createdAt, int credentialsVersion) {

    /** The user as an authorization subject. */
    public Caller toCaller() {
        return new Caller(id, username, platformRole, organizationId, organizationRole);
    }
}
