package io.consortia.platform.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
            chain.doFilter(new ReadRequest(request, body), response);
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

    /** A request whose body was read here: it reads from memory, with its length now known. */
    private static final class ReadRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private ServletInputStream stream;
        private BufferedReader reader;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public synchronized ServletInputStream getInputStream() {
            if (reader != null) {
                throw new IllegalStateException("getReader() was called already");
            }
            if (stream == null) {
                stream = new MemoryStream(body);
            }
            return stream;
        }

        @Override
        public synchronized BufferedReader getReader() {
            if (stream != null) {
                throw new IllegalStateException("getInputStream() was called already");
            }
            if (reader == null) {
                Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                        : Charset.forName(getCharacterEncoding());
                reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
            }
            return reader;
        }
    }

    private static final class MemoryStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        MemoryStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
