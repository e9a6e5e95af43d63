package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.system.AuditNotes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** What a controller notes reaches the request's record, between how the caller authenticated and the agent. */
class AuditFilterNotesTest {
    private final List<AuditEvent> written = new ArrayList<>();
    private final AuditTrail trail = new AuditTrail(null, null) {
        @Override
        public AuditRecord record(AuditEvent event) {
            written.add(event);
            return null;
        }
    };
    private final AuditFilter filter = new AuditFilter(trail, new AuditCallerInterceptor(null), new AuditRoutes(() -> null));

    private AuditEvent run(String agent, HttpServlet controller) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/organizations/3/members");
        request.setAttribute(AuditFilter.ROUTE, "/api/v1/organizations/{organizationId}/members");
        request.setAttribute(AuditFilter.TARGET, "organizationId=3");
        request.addHeader("User-Agent", agent);
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(controller));
        assertThat(written).hasSize(1);
        return written.get(0);
    }

    private static HttpServlet noting(Runnable notes) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                // as the dispatcher does for a controller
                RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
                try {
                    notes.run();
                    response.setStatus(201);
                } finally {
                    RequestContextHolder.resetRequestAttributes();
                }
            }
        };
    }

    @Test
    void the_notes_come_before_the_agent_and_the_agent_cannot_pass_for_a_note() throws Exception {
        AuditEvent event = run("curl/8 role=\"PLATFORM_ADMIN\"", noting(() -> {
            AuditNotes.note("user", "bob");
            AuditNotes.note("role", "MEMBER");
        }));
        assertThat(event.status()).isEqualTo(201);
        assertThat(event.details()).isEqualTo("auth=none user=\"bob\" role=\"MEMBER\" agent=curl/8 role=\"PLATFORM_ADMIN\"");
    }

    @Test
    void a_request_that_notes_nothing_keeps_its_details_as_they_were() throws Exception {
        assertThat(run("curl/8", noting(() -> {})).details()).isEqualTo("auth=none agent=curl/8");
    }

    @Test
    void a_long_agent_is_clipped_not_the_notes() throws Exception {
        AuditEvent event = run("x".repeat(5000), noting(() -> AuditNotes.note("accessKey", "AK123")));
        assertThat(event.details()).startsWith("auth=none accessKey=\"AK123\" agent=xxx").hasSize(2000);
    }
}
