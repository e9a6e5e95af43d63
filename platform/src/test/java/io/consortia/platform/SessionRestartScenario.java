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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A platform restart or upgrade must not sign the console's users out: their sessions are kept in the
 * platform's database, like bearer tokens, not in the memory of the process that opened them (which
 * also lets replicas behind one Ingress share them). Deploys no network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionRestartScenario {
    private PlatformRunner platform;
    private long organization;

    abstract TestDatabase database();

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(database()).start();
        organization = Fixtures.organization(platform.admin(), "acme");
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void a_console_session_survives_a_restart_and_signing_out_afterwards_ends_it() {
        Fixtures.member(platform.admin(), organization, "zhao", "ADMIN");
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> login = send(browser, "POST", "/api/v1/auth/login", null, null,
                Json.of("username", "zhao", "password", Fixtures.password("zhao")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String session = cookie(cookies, "JSESSIONID");
        String xsrf = cookie(cookies, "XSRF-TOKEN");
        HttpClient plain = HttpClient.newHttpClient(); // sends the copied cookies by hand: the port changes
        HttpResponse<String> before = send(plain, "GET", "/console/organizations/" + organization, session, null, null);
        assertThat(before.statusCode()).as(before.headers().map().toString()).isEqualTo(200);

        platform.restart();

        HttpResponse<String> page = send(plain, "GET", "/console/organizations/" + organization, session, null, null);
        assertThat(page.statusCode()).as("console page after the restart: " + page.headers().map())
                .isEqualTo(200);
        assertThat(page.body()).contains("acme");
        HttpResponse<String> me = send(plain, "GET", "/api/v1/me", session, null, null);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"zhao\"");

        HttpResponse<String> signedOut = send(plain, "POST", "/api/v1/auth/logout", session, xsrf, null);
        assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(204);
        HttpResponse<String> after = send(plain, "GET", "/console/organizations/" + organization, session, null, null);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(send(plain, "GET", "/api/v1/me", session, null, null).statusCode()).isEqualTo(401);
    }

    /** A session kept across a restart is still ended at its next request once its user is disabled. */
    @Test
    void a_session_kept_across_a_restart_ends_when_its_user_is_disabled() {
        Api organizationAdmin = Fixtures.member(platform.admin(), organization, "wang", "ADMIN");
        Fixtures.member(organizationAdmin, organization, "sun", "MEMBER");
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> login = send(browser, "POST", "/api/v1/auth/login", null, null,
                Json.of("username", "sun", "password", Fixtures.password("sun")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String session = cookie(cookies, "JSESSIONID");
        HttpClient plain = HttpClient.newHttpClient();

        platform.restart();

        assertThat(send(plain, "GET", "/api/v1/me", session, null, null).statusCode()).isEqualTo(200);
        organizationAdmin = platform.api().login("wang", Fixtures.password("wang")); // the port changed
        Api.Response disabled = organizationAdmin.put("/api/v1/organizations/" + organization + "/members/sun/status",
                Json.of("enabled", false));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        HttpResponse<String> after = send(plain, "GET", "/console/organizations/" + organization, session, null, null);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(send(plain, "GET", "/api/v1/me", session, null, null).statusCode()).isEqualTo(401);
    }

    /** Sessions are rows in the database: a visit by someone not signed in opens none (no row per request). */
    @Test
    void a_signed_out_visit_to_a_console_page_opens_no_session() {
        HttpResponse<String> page = send(HttpClient.newHttpClient(), "GET", "/console/organizations/" + organization,
                null, null, null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().allValues("Set-Cookie")).as("cookies answered to a signed-out visit")
                .noneMatch(c -> c.startsWith("JSESSIONID="));
    }

    private static String cookie(CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String session, String xsrf,
            Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.port() + path));
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session + (xsrf == null ? "" : "; XSRF-TOKEN=" + xsrf));
        }
        if (xsrf != null) {
            request.header("X-XSRF-TOKEN", xsrf);
        }
        try {
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
