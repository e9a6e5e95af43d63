package io.consortia.platform.identity;

import io.consortia.platform.system.PlatformException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The changes that can take an admin away from an organisation (a demotion, a removal, a
 * disabling) run one at a time per organisation. Otherwise two admins demoting each other at once each count two admins
 * before either change commits, both go through, and the organisation is left with none. The
 * organisation's row stays locked until the transaction ends ({@code select ... for update}, on H2
 * as on PostgreSQL), and the caller is read again under the lock: the change it waited for may
 * have made them a member, disabled or removed them.
 */
@Component
class OrganizationLock {
    private final JdbcClient jdbc;
    private final UserRepository users;

    OrganizationLock(JdbcClient jdbc, UserRepository users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    /** In the caller's transaction: the caller as they are once the organisation is theirs to change. */
    Caller lock(long organizationId, Caller caller) {
        // no such organisation: nothing to lock, and the caller's checks answer 404
        jdbc.sql("select id from organizations where id = ? for update").param(organizationId).query(Long.class)
                .optional();
        return users.byId(caller.userId()).filter(UserAccount::enabled).map(UserAccount::toCaller)
                .orElseThrow(() -> new PlatformException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "The signed-in user no longer exists or is disabled"));
    }
}
