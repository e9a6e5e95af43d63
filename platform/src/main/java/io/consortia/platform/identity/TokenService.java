package io.consortia.platform.identity;

import io.consortia.crypto.Hashes;
import io.consortia.platform.system.PlatformProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bearer tokens: 32 random bytes shown to the user once; only their SHA-256 is stored, so a
 * database dump does not let anyone sign in.
 */
@Service
class TokenService {
    private static final String PREFIX = "cst_";
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final PlatformProperties properties;

    TokenService(JdbcClient jdbc, PlatformProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    record IssuedToken(String token, Instant expiresAt) {}

    IssuedToken issue(long userId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long now = System.currentTimeMillis();
        long expires = now + properties.security().tokenTtl().toMillis();
        jdbc.sql("insert into api_tokens (user_id, token_hash, created_at, expires_at) values (?, ?, ?, ?)")
                .params(userId, hash(token), now, expires).update();
        return new IssuedToken(token, Instant.ofEpochMilli(expires));
    }

    /** The user a live token belongs to. */
    Optional<Long> resolve(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select user_id from api_tokens where token_hash = ? and expires_at > ?")
                .params(hash(token), System.currentTimeMillis()).query(Long.class).optional();
    }

    /** Every token of the user but {@code kept} (null: all of them). */
    void revokeAllBut(long userId, String kept) {
        jdbc.sql("delete from api_tokens where user_id = ? and token_hash <> ?")
                .params(userId, kept == null ? "" : hash(kept)).update();
    }

    void revoke(String token) {
        jdbc.sql("delete from api_tokens where token_hash = ?").param(hash(token)).update();
    }

    private static String hash(String token) {
        return Hashes.hex(Hashes.sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
