package io.consortia.platform.system;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A request bound to the test's thread for each test, as the servlet container binds one to a
 * request's thread, so that a controller called directly notes its audit facts on it.
 */
public final class NotedRequest implements BeforeEachCallback, AfterEachCallback {
    private final MockHttpServletRequest request;

    public NotedRequest(String method, String uri) {
        this.request = new MockHttpServletRequest(method, uri);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RequestContextHolder.resetRequestAttributes();
    }

    /** The bound request, for a controller method that takes it. */
    public MockHttpServletRequest request() {
        return request;
    }

    /** The facts noted so far, as the audit record's details carry them. */
    public String notes() {
        return AuditNotes.text(request.getAttribute(AuditNotes.ATTRIBUTE));
    }
}
