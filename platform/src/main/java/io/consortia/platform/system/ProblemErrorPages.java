package io.consortia.platform.system;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Problem responses for the errors that happen before Spring MVC sees a request:
 * <ul>
 *   <li>requests Spring Security's firewall refuses ({@code %00}, {@code %2e%2e}, {@code //},
 *       {@code ;} in a path): a 400 problem written at once;</li>
 *   <li>requests Tomcat itself refuses (an encoded {@code /} in a path, a path climbing above
 *       the root with {@code ..}, a request line or headers beyond the size limit, e.g. a 100 KB
 *       query string): Tomcat's HTML error report valve is replaced by {@link ProblemValve}.</li>
 * </ul>
 * Everything that does reach the servlet but ends in {@code sendError} goes to
 * {@link ProblemErrorController}.
 */
@Configuration(proxyBeanMethods = false)
class ProblemErrorPages {

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            if (!response.isCommitted()) {
                Problems.write(request, response, HttpStatus.BAD_REQUEST, "bad-request",
                        "The request path is not acceptable: encoded or control characters, '..', '//' or ';' in it");
            }
        };
    }

    @Bean
    ProblemReports problemErrorReports() {
        return new ProblemReports();
    }

    /** Installs {@link ProblemValve}; runs after Boot's own Tomcat customizer, which adds a plain report valve. */
    static final class ProblemReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Tomcat's error report, as {@code application/problem+json} instead of an HTML page. */
    public static class ProblemValve extends ErrorReportValve {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            if (status == null) {
                status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "urn:consortia:problem:" + ProblemErrorController.type(status));
            body.put("title", status.getReasonPhrase());
            body.put("status", status.value());
            body.put("detail", ProblemErrorController.detail(status));
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(body));
                    response.finishResponse();
                }
            } catch (java.io.IOException | IllegalStateException e) {
                // the connection is gone or the response was committed meanwhile: nothing to tell
            }
        }
    }
}
