package io.consortia.platform.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code consortia.security.max-request-bytes} with 413 before
 * anything else runs: at once when Content-Length says so, and for a body without a length
 * (chunked) by reading it here, up to the limit, before the request goes on. Counting while the
 * controller reads was not enough: an endpoint that reads no body (stopping a network) ran its
 * action whatever a chunked body carried. Runs just inside the audit trail's filter, so that the
 * refusal is recorded.
 */
@Component
@Order(RequestSizeFilter.ORDER)
public class RequestSizeFilter extends OncePerRequestFilter {
    /** After the audit filter ({@code HIGHEST_PRECEDENCE}), before everything else. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    private final long limit;

    RequestSizeFilter(PlatformProperties properties) {
        this.limit = properties.security().maxRequestBytes();
    }

    static String tooLargeMessage(long limit) {
        return "The request body exceeds the limit of " + limit + " bytes";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            refuse(request, response);
            return;
        }
        if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = readAtMost(request.getInputStream(), limit);
            if (body == null) {
                refuse(request, response);
                return;
            }
            chain.doFilter(new BodyInMemory(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLargeMessage(limit));
    }

    /** The body, or null when it holds more than {@code limit} bytes (reading stops there). */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }
}
