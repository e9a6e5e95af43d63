package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

/** Builders for the people and organisations tests need, through the REST API only. */
final class Fixtures {
    private Fixtures() {}

    static String password(String username) {
        return "pw-" + username + "-0123456789";
    }

    /** Creates an organisation as the platform admin; returns its id. */
    static long organization(Api platformAdmin, String name) {
        Api.Response created = platformAdmin.post("/api/v1/organizations", Json.of("name", name,
                "displayName", name.toUpperCase(java.util.Locale.ROOT)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** Creates a user of an organisation (as {@code creator}) and signs in as them. */
    static Api member(Api creator, long organizationId, String username, String role) {
        Api.Response created = creator.post("/api/v1/organizations/" + organizationId + "/members",
                Json.of("username", username, "password", password(username), "role", role));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return creator.login(username, password(username));
    }

    static Api auditor(Api platformAdmin, String username) {
        Api.Response created = platformAdmin.post("/api/v1/users", Json.of("username", username,
                "password", password(username), "platformRole", "AUDITOR"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return platformAdmin.login(username, password(username));
    }

    /** Creates a consortium as an organisation admin; returns its id. */
    static long consortium(Api organizationAdmin, String name) {
        Api.Response created = organizationAdmin.post("/api/v1/consortia",
                Json.of("name", name, "signatureScheme", "ECDSA_P256"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** A throttled attempt: 429 problem JSON whose Retry-After (1 s to 10 minutes) the body repeats. */
    /** {@code leader} invites the organisation into the consortium; the invitation's id. */
    static long invite(Api leader, long consortium, long organization) {
        Api.Response invited = leader.post("/api/v1/consortia/" + consortium + "/invitations",
                Json.of("organizationId", organization));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        return invited.json().get("id").asLong();
    }

    static void accept(Api organizationAdmin, long invitation) {
        Api.Response accepted = organizationAdmin.post("/api/v1/invitations/" + invitation + "/accept", "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    static void assertThrottled(Api.Response held) {
        assertThat(held.status()).as(held.toString()).isEqualTo(429);
        assertThat(held.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(held.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 600L);
        assertThat(held.json().get("type").asText())
                .isEqualTo("urn:consortia:problem:too-many-requests");
        assertThat(held.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
    }
}
