package io.consortia.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A tester read, without signing in, the names of every consortium, its organisations, applications and
 * certificate serials from /actuator/prometheus, including a private consortium the API refused her.
 */
class MetricsAccessFilterTest {
    private static final String TOKEN = "a-scrape-token-of-32-characters!";

    @Test
    void without_a_token_configured_only_this_host_scrapes() throws Exception {
        MetricsAccessFilter filter = new MetricsAccessFilter(new MetricsAccessProperties(null));
        assertThat(run(filter, request("127.0.0.1", null, null))).isEqualTo(200);
        assertThat(run(filter, request("0:0:0:0:0:0:0:1", null, null))).isEqualTo(200);
        assertThat(run(filter, request("10.1.2.3", null, null))).isEqualTo(401);
        assertThat(run(filter, request("127.0.0.1", null, "203.0.113.7"))).as("forwarded by a proxy").isEqualTo(401);
    }

    @Test
    void with_a_token_configured_the_token_is_required_from_anywhere_and_hidden_from_the_session_filter()
            throws Exception {
        MetricsAccessFilter filter = new MetricsAccessFilter(new MetricsAccessProperties(TOKEN));
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
        assertThat(run(filter, request("10.1.2.3", "Bearer " + TOKEN, null), passed)).isEqualTo(200);
        assertThat(passed.get().getHeader("Authorization")).as("no user's session token").isNull();
        assertThat(run(filter, request("10.1.2.3", "Bearer " + TOKEN.substring(1), null))).isEqualTo(401);
        assertThat(run(filter, request("127.0.0.1", null, null))).isEqualTo(401);
    }

    @Test
    void other_paths_and_short_tokens() throws Exception {
        MetricsAccessFilter filter = new MetricsAccessFilter(new MetricsAccessProperties(TOKEN));
        MockHttpServletRequest health = request("10.1.2.3", null, null);
        health.setRequestURI("/actuator/health");
        assertThat(run(filter, health)).isEqualTo(200);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new MetricsAccessProperties("short")))
                .hasMessageContaining("at least 16 characters");
        assertThat(new MetricsAccessProperties(TOKEN).toString()).doesNotContain(TOKEN);
    }

    private static MockHttpServletRequest request(String from, String authorization, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", MetricsAccessFilter.PATH);
        request.setRemoteAddr(from);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    private static int run(MetricsAccessFilter filter, MockHttpServletRequest request) throws Exception {
        return run(filter, request, new AtomicReference<>());
    }

    private static int run(MetricsAccessFilter filter, MockHttpServletRequest request,
            AtomicReference<HttpServletRequest> passed) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> passed.set((HttpServletRequest) req));
        return passed.get() != null ? 200 : response.getStatus();
    }
}
