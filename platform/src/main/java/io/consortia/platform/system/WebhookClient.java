package io.consortia.platform.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends webhooks only where {@link WebhookDestinations} allows, and checks the very addresses it
 * connects to: the client's name resolution is the check. Checking a name and then letting an HTTP
 * client resolve it again left a window (the JDK's name cache, 30 s) in which a name could be
 * pointed from an allowed address to the metadata service between the two lookups (DNS
 * rebinding); here one lookup per connection both decides and connects. Redirects are never
 * followed, requests never retried, no cookies kept, no system proxy used.
 */
public final class WebhookClient implements AutoCloseable {
    /** The name lookup, replaceable by tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The destination is not allowed; nothing was sent. The message says why. */
    public static final class RefusedDestination extends IOException {
        RefusedDestination(String reason) {
            super(reason);
        }
    }

    /** Thrown by the client's resolver, inside the HTTP client, and turned into {@link RefusedDestination}. */
    private static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String reason) {
            super(reason);
        }
    }

    private final WebhookDestinations destinations;
    private final CloseableHttpClient http;

    public WebhookClient(WebhookDestinations destinations, Duration connectTimeout) {
        this(destinations, connectTimeout, InetAddress::getAllByName);
    }

    public WebhookClient(WebhookDestinations destinations, Duration connectTimeout, Resolver resolver) {
        this.destinations = destinations;
        DnsResolver checking = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = resolver.resolve(host);
                for (InetAddress address : addresses) {
                    Optional<String> refused = destinations.refusal(address);
                    if (refused.isPresent()) {
                        throw new RefusedAddress(host + (host.equals(address.getHostAddress()) ? "" : " resolves to "
                                + address.getHostAddress() + ", which") + " is " + refused.get());
                    }
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checking)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(connectTimeout)).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * POSTs the body and answers the receiver's HTTP status; the answer's body is neither read nor
     * kept (the URL is the subscriber's choice: showing what it answers would let them read what only
     * the platform reaches). {@link RefusedDestination} when the URL's host is refused as written or
     * resolves to any refused address.
     */
    public int post(URI url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        Optional<String> literal = destinations.literalRefusal(url);
        if (literal.isPresent()) {
            throw new RefusedDestination(literal.get());
        }
        HttpPost post = new HttpPost(url);
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout)).build());
        headers.forEach((name, value) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                post.addHeader(name, value);
            }
        });
        String contentType = headers.getOrDefault("Content-Type", "application/json");
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        try {
            return http.execute(post, response -> response.getCode());
        } catch (RefusedAddress e) {
            throw new RefusedDestination(e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
