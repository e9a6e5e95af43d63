package io.consortia.platform.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {
    private static final String COLUMNS =
            "id, username, password_hash, platform_role, organization_id, organization_role, created_at, "
                    + "credentials_version, enabled";
    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String username, String passwordHash, PlatformRole platformRole, Long organizationId,
            OrganizationRole organizationRole, long now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into users (username, password_hash, platform_role, organization_id, organization_role, "
                        + "created_at) values (?, ?, ?, ?, ?, ?)")
                .params(username, passwordHash, platformRole == null ? null : platformRole.name(), organizationId,
                        organizationRole == null ? null : organizationRole.name(), now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<UserAccount> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = ?").param(username)
                .query(UserRepository::map).optional();
    }

    Optional<UserAccount> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?").param(id).query(UserRepository::map).optional();
    }

    List<UserAccount> all() {
        return jdbc.sql("select " + COLUMNS + " from users order by id").query(UserRepository::map).list();
    }

    List<UserAccount> ofOrganization(long organizationId) {
        return jdbc.sql("select " + COLUMNS + " from users where organization_id = ? order by id")
                .param(organizationId).query(UserRepository::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    /** The user and their API tokens (which cascade); their name is kept from being given again ({@link #retired}). */
    void delete(long id) {
        jdbc.sql("insert into retired_usernames (username, organization_id, retired_at) "
                        + "select username, organization_id, ? from users where id = ?")
                .params(System.currentTimeMillis(), id).update();
        jdbc.sql("delete from users where id = ?").param(id).update();
    }

    /** Sets the password and moves the credentials version on, which ends the user's sessions. */
    void updatePassword(long id, String passwordHash) {
        jdbc.sql("update users set password_hash = ?, credentials_version = credentials_version + 1 where id = ?")
                .params(passwordHash, id).update();
    }

    void updateOrganizationRole(long id, OrganizationRole role) {
        jdbc.sql("update users set organization_role = ? where id = ?").params(role.name(), id).update();
    }

    /**
     * Disabling also moves the credentials version on, which ends the user's sessions; enabling
     * leaves it, so a session ended by the disabling stays ended.
     */
    void updateEnabled(long id, boolean enabled) {
        jdbc.sql("update users set enabled = ?, credentials_version = credentials_version + ? where id = ?")
                .params(enabled, enabled ? 0 : 1, id).update();
    }

    /** How many admins of the organisation are {@code enabled}, or not (a demotion must leave an enabled one). */
    long adminsOf(long organizationId, boolean enabled) {
        return jdbc.sql("select count(*) from users where organization_id = ? and organization_role = ? "
                        + "and enabled = ?")
                .params(organizationId, OrganizationRole.ADMIN.name(), enabled).query(Long.class).single();
    }

    /** How many platform admins are enabled (the platform keeps one). */
    long enabledPlatformAdmins() {
        return jdbc.sql("select count(*) from users where platform_role = ? and enabled = ?")
                .params(PlatformRole.ADMIN.name(), true).query(Long.class).single();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        String platformRole = rs.getString("platform_role");
        long organization = rs.getLong("organization_id");
        Long organizationId = rs.wasNull() ? null : organization;
        String organizationRole = rs.getString("organization_role");
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                platformRole == null ? null : PlatformRole.valueOf(platformRole), organizationId,
                organizationRole == null ? null : OrganizationRole.valueOf(organizationRole), rs.getLong("created_at"),
                rs.getInt("credentials_version"), rs.getBoolean("enabled"));
    }

    /** Whether the name was a removed user's: it names their on-chain account and their audit records for good. */
    boolean retired(String username) {
        return jdbc.sql("select count(*) from retired_usernames where username = ?").param(username).query(Long.class)
                .single() > 0;
    }
}
