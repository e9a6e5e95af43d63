package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A password change is the usual answer to a stolen token or session: it must end every other
 * token and session of the user, and it must not become a way around the sign-in throttle for
 * someone who holds a stolen token but not the password. Deploys no network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PasswordChangeScenario {
    /** Throttle waits long enough that a loaded machine cannot outlast them between two requests. */
    private static final String THROTTLE_WAIT = "10m";
    private static final String NEW_PASSWORD = "a-new-password-0123456789";
    private PlatformRunner platform;
    private Api admin;
    private long organization;

    abstract TestDatabase database();

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(database())
                .with("consortia.security.sign-in.first-delay", THROTTLE_WAIT)
                .with("consortia.security.sign-in.max-delay", THROTTLE_WAIT)
                .start();
        admin = platform.admin();
        organization = Fixtures.organization(admin, "acme");
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void a_change_with_a_token_ends_the_other_tokens_and_the_sessions_and_keeps_that_token() {
        Api changer = Fixtures.member(admin, organization, "by-token", "ADMIN");
        Api otherToken = platform.api().login("by-token", Fixtures.password("by-token"));
        Session session = Session.signIn(platform, "by-token", Fixtures.password("by-token"));
        assertThat(otherToken.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(session.get("/api/v1/me").status()).isEqualTo(200);

        Api.Response changed = changer.put("/api/v1/me/password",
                Json.of("currentPassword", Fixtures.password("by-token"), "newPassword", NEW_PASSWORD));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);

        assertRefused(otherToken.get("/api/v1/me"));
        assertRefused(otherToken.post("/api/v1/organizations/" + organization + "/members", Json.of(
                "username", "added-by-old-token", "password", Fixtures.password("x"), "role", "ADMIN")));
        assertRefused(session.get("/api/v1/me"));
        assertRefused(session.send("POST", "/api/v1/organizations/" + organization + "/members", Json.of(
                "username", "added-by-old-session", "password", Fixtures.password("x"), "role", "ADMIN")));
        assertThat(admin.get("/api/v1/organizations/" + organization + "/members").body())
                .doesNotContain("added-by-old-token", "added-by-old-session");
        assertThat(changer.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(platform.api().post("/api/v1/auth/login", Json.of("username", "by-token",
                "password", Fixtures.password("by-token"))).status()).isEqualTo(401);
        assertThat(platform.api().login("by-token", NEW_PASSWORD).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void a_change_in_a_session_keeps_that_session_under_a_new_id_and_ends_the_rest() {
        Api token = Fixtures.member(admin, organization, "by-session", "MEMBER");
        Session changer = Session.signIn(platform, "by-session", Fixtures.password("by-session"));
        Session otherSession = Session.signIn(platform, "by-session", Fixtures.password("by-session"));
        String oldId = changer.cookie("JSESSIONID");

        Api.Response changed = changer.send("PUT", "/api/v1/me/password",
                Json.of("currentPassword", Fixtures.password("by-session"), "newPassword", NEW_PASSWORD));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);

        assertThat(changer.get("/api/v1/me").status()).isEqualTo(200);
        // whoever copied the cookie before the change is not carried along
        assertThat(changer.cookie("JSESSIONID")).isNotEqualTo(oldId);
        assertRefused(Session.replaying(platform, oldId).get("/api/v1/me"));
        assertRefused(otherSession.get("/api/v1/me"));
        assertRefused(token.get("/api/v1/me"));
    }

    @Test
    void wrong_current_passwords_are_throttled_like_sign_ins_and_change_nothing() {
        Api guesser = Fixtures.member(admin, organization, "guessed", "MEMBER");
        for (int i = 0; i < 6; i++) {
            Api.Response wrong = guesser.put("/api/v1/me/password",
                    Json.of("currentPassword", "wrong-password-" + i, "newPassword", NEW_PASSWORD));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
            assertThat(wrong.json().get("detail").asText()).isEqualTo("currentPassword is wrong");
        }
        for (String current : new String[] {"wrong-password-6", Fixtures.password("guessed")}) {
            Api.Response held = guesser.put("/api/v1/me/password",
                    Json.of("currentPassword", current, "newPassword", NEW_PASSWORD));
            Fixtures.assertThrottled(held);
            assertThat(held.body()).doesNotContain(current);
        }
        // the right password, held back, changed nothing
        assertThat(platform.api().login("guessed", Fixtures.password("guessed")).get("/api/v1/me").status())
                .isEqualTo(200);
        assertThat(guesser.get("/api/v1/me").status()).isEqualTo(200);
        // counted against that user alone
        Api other = Fixtures.member(admin, organization, "not-guessed", "MEMBER");
        assertThat(other.put("/api/v1/me/password", Json.of("currentPassword", Fixtures.password("not-guessed"),
                "newPassword", NEW_PASSWORD)).status()).isEqualTo(204);
    }

    /**
     * A request with a bearer token is authenticated by the token alone. It used to open a server
     * session and answer its cookie, which then read everything on its own: after the token was
     * signed out, past the token's expiry, kept alive by use.
     */
    @Test
    void a_bearer_token_opens_no_session_that_outlives_it() {
        Fixtures.member(admin, organization, "scripted", "MEMBER");
        Api token = platform.api().login("scripted", Fixtures.password("scripted"));
        Api.Response read = token.get("/api/v1/me");
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        java.util.List<String> sessions = read.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.substring(11, c.indexOf(';'))).toList();

        Api.Response signedOut = token.post("/api/v1/auth/logout", null);
        assertThat(signedOut.status()).as(signedOut.toString()).isEqualTo(204);
        assertRefused(token.get("/api/v1/me"));
        for (String id : sessions) {
            assertRefused(Session.replaying(platform, id).get("/api/v1/me"));
        }
        assertThat(sessions).as("session cookies answered to a bearer-token request").isEmpty();
    }

    private static void assertRefused(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    /** A browser's cookie session: JSESSIONID, and on writes the XSRF-TOKEN cookie echoed in its header. */
    private record Session(HttpClient http, CookieManager cookies, String base, String replayedId) {
        static Session signIn(PlatformRunner platform, String username, String password) {
            CookieManager cookies = new CookieManager();
            Session session = new Session(HttpClient.newBuilder().cookieHandler(cookies).build(), cookies,
                    "http://127.0.0.1:" + platform.port(), null);
            Api.Response login = session.send("POST", "/api/v1/auth/login",
                    Json.of("username", username, "password", password));
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            return session;
        }

        /** Sends one session id by hand, as whoever copied the cookie would. */
        static Session replaying(PlatformRunner platform, String sessionId) {
            return new Session(HttpClient.newHttpClient(), null, "http://127.0.0.1:" + platform.port(), sessionId);
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
        }

        Api.Response get(String path) {
            return send("GET", path, null);
        }

        Api.Response send(String method, String path, Map<String, ?> body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (replayedId != null) {
                request.header("Cookie", "JSESSIONID=" + replayedId);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
                if (cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals("XSRF-TOKEN"))) {
                    request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
                }
            }
            try {
                request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Api.Response(response.statusCode(), response.body(), response.headers());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
