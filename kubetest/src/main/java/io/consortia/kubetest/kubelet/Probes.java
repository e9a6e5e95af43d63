package io.consortia.kubetest.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs a probe once: httpGet (2xx and 3xx succeed; HTTPS without verifying the certificate, as the kubelet does),
 * tcpSocket (the connection opens), exec (the command, run as a local process with the container's environment and
 * path mapping, exits 0). The target host is the Pod's IP unless the probe names one. A timeout below
 * {@link #MIN_TIMEOUT} is raised to it: a loaded test machine must not fail probes of healthy processes.
 */
final class Probes {
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(5);
    private static final SSLContext TRUST_ALL = trustAll();

    private Probes() {}

    static boolean run(Probe probe, Container container, String podIp, Map<String, String> env,
            PathRewriter rewriter, File workDir) {
        Duration timeout = timeout(probe);
        try {
            if (probe.getHttpGet() != null) {
                var get = probe.getHttpGet();
                String host = get.getHost() == null || get.getHost().isBlank() ? podIp : get.getHost();
                int port = port(get.getPort(), container);
                String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase(java.util.Locale.ROOT);
                String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
                if (!path.startsWith("/")) {
                    path = "/" + path;
                }
                HttpURLConnection connection = (HttpURLConnection) new URL(scheme, host, port, path).openConnection();
                if (connection instanceof HttpsURLConnection https) {
                    https.setSSLSocketFactory(TRUST_ALL.getSocketFactory());
                    https.setHostnameVerifier((h, s) -> true);
                }
                connection.setConnectTimeout((int) timeout.toMillis());
                connection.setReadTimeout((int) timeout.toMillis());
                connection.setInstanceFollowRedirects(false);
                connection.setRequestProperty("User-Agent", "kube-probe/1.20");
                if (get.getHttpHeaders() != null) {
                    for (HTTPHeader header : get.getHttpHeaders()) {
                        connection.setRequestProperty(header.getName(), header.getValue());
                    }
                }
                try {
                    int code = connection.getResponseCode();
                    return code >= 200 && code < 400;
                } finally {
                    connection.disconnect();
                }
            }
            if (probe.getTcpSocket() != null) {
                var tcp = probe.getTcpSocket();
                String host = tcp.getHost() == null || tcp.getHost().isBlank() ? podIp : tcp.getHost();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port(tcp.getPort(), container)),
                            (int) timeout.toMillis());
                    return true;
                }
            }
            if (probe.getExec() != null && probe.getExec().getCommand() != null) {
                List<String> command = new ArrayList<>();
                probe.getExec().getCommand().forEach(arg -> command.add(rewriter.rewrite(arg)));
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.environment().clear();
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return false;
                }
                return process.exitValue() == 0;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration timeout(Probe probe) {
        Duration configured = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
        return configured.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : configured;
    }

    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("probe without a port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        if (container.getPorts() != null) {
            for (ContainerPort candidate : container.getPorts()) {
                if (name.equals(candidate.getName())) {
                    return candidate.getContainerPort();
                }
            }
        }
        return Integer.parseInt(name);
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
