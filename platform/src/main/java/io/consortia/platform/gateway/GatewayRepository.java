package io.consortia.platform.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class GatewayRepository {
    private final JdbcClient jdbc;

    GatewayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key with its sealed secret, for the signature check only. */
    record SealedKey(AccessKey key, String sealedSecret) {}

    long insertApplication(long organizationId, long consortiumId, String name, String description, String subject,
            String createdBy, long now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into gateway_applications (organization_id, consortium_id, name, description, "
                        + "identity_subject, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(organizationId, consortiumId, name, description, subject, createdBy, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Application> application(long id) {
        return jdbc.sql("select * from gateway_applications where id = ? and deleted_at is null").param(id)
                .query(GatewayRepository::application).optional();
    }

    List<Application> applicationsOf(long organizationId) {
        return jdbc.sql("select * from gateway_applications where organization_id = ? and deleted_at is null "
                        + "order by id")
                .param(organizationId).query(GatewayRepository::application).list();
    }

    long insertKey(long applicationId, String accessKeyId, String sealedSecret, List<String> channels,
            List<String> contracts, List<String> functions, int rateLimit, long expiresAt, String createdBy, long now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into gateway_access_keys (application_id, access_key_id, sealed_secret, channels, contracts, "
                        + "functions, rate_limit, expires_at, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(applicationId, accessKeyId, sealedSecret, String.join(",", channels),
                        String.join(",", contracts), String.join(",", functions), rateLimit, expiresAt, createdBy, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<SealedKey> key(String accessKeyId) {
        return jdbc.sql("select * from gateway_access_keys where access_key_id = ? and deleted_at is null").param(accessKeyId)
                .query((rs, row) -> new SealedKey(key(rs, row), rs.getString("sealed_secret"))).optional();
    }

    List<AccessKey> keysOf(long applicationId) {
        return jdbc.sql("select * from gateway_access_keys where application_id = ? and deleted_at is null "
                        + "order by id").param(applicationId)
                .query(GatewayRepository::key).list();
    }

    /** Marks the key revoked; false when it was already. */
    boolean revoke(long keyId, String by, long now) {
        return jdbc.sql("update gateway_access_keys set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                .params(now, by, keyId).update() == 1;
    }

    /** Marks the key deleted: from now on it is unknown to the gateway and to lists. */
    void deleteKey(long keyId, String by, long now) {
        jdbc.sql("update gateway_access_keys set deleted_at = ?, deleted_by = ? where id = ? and deleted_at is null")
                .params(now, by, keyId).update();
    }

    /** Marks the application and each of its keys deleted. */
    void deleteApplication(long applicationId, String by, long now) {
        jdbc.sql("update gateway_access_keys set deleted_at = ?, deleted_by = ? where application_id = ? "
                + "and deleted_at is null").params(now, by, applicationId).update();
        jdbc.sql("update gateway_applications set deleted_at = ?, deleted_by = ? where id = ? and deleted_at is null")
                .params(now, by, applicationId).update();
    }

    void used(long keyId, long now) {
        jdbc.sql("update gateway_access_keys set last_used_at = ? where id = ?").params(now, keyId).update();
    }

    /** Records a nonce; false when this key already used it. */
    boolean useNonce(long keyId, String nonce, long expiresAt) {
        try {
            return jdbc.sql("insert into gateway_nonces (access_key_id, nonce, expires_at) values (?, ?, ?)")
                    .params(keyId, nonce, expiresAt).update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Forgets a nonce claimed by a request refused after all (over its rate), so that it may be sent again. */
    void releaseNonce(long keyId, String nonce) {
        jdbc.sql("delete from gateway_nonces where access_key_id = ? and nonce = ?").params(keyId, nonce).update();
    }

    int forgetNoncesBefore(long now) {
        return jdbc.sql("delete from gateway_nonces where expires_at < ?").param(now).update();
    }

    private static Application application(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Application(rs.getLong("id"), rs.getLong("organization_id"), rs.getLong("consortium_id"),
                rs.getString("name"), rs.getString("description"), rs.getString("identity_subject"),
                rs.getString("created_by"), rs.getLong("created_at"));
    }

    private static AccessKey key(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long revoked = rs.getLong("revoked_at");
        Long revokedAt = rs.wasNull() ? null : revoked;
        long used = rs.getLong("last_used_at");
        Long lastUsed = rs.wasNull() ? null : used;
        return new AccessKey(rs.getLong("id"), rs.getLong("application_id"), rs.getString("access_key_id"),
                list(rs.getString("channels")), list(rs.getString("contracts")), list(rs.getString("functions")),
                rs.getInt("rate_limit"), rs.getLong("expires_at"), revokedAt, rs.getString("revoked_by"),
                rs.getString("created_by"), rs.getLong("created_at"), lastUsed);
    }

    private static List<String> list(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
