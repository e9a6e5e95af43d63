package io.consortia.kubetest.controlplane;

import io.consortia.common.Poll;
import io.consortia.kubetest.KubeTestException;
import io.consortia.kubetest.tls.TestCertificates;
import io.consortia.kubetest.tls.TestCertificates.Credential;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver, kube-controller-manager and kube-scheduler as
 * processes, every one on a free port, in one directory. There are no nodes until a
 * {@link io.consortia.kubetest.kubelet.TestKubelet} registers some.
 *
 * <p>Authentication is by static tokens (every component and the admin are in {@code system:masters}); authorization
 * is RBAC, so service accounts of the workloads get only what their Roles grant. The API server presents a
 * certificate of the cluster's own CA ({@link #caCertificatePem()}), valid for 127.0.0.1, localhost and the
 * {@code kubernetes.default.svc} names.
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path directory;
    private final boolean keepDirectory;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final KubeBinaries binaries;
    private int apiPort;
    private String adminToken;
    private Credential ca;
    private Path kubeconfig;
    private KubernetesClient client;

    private ControlPlane(Path directory, boolean keepDirectory, KubeBinaries binaries) {
        this.directory = directory;
        this.keepDirectory = keepDirectory;
        this.binaries = binaries;
    }

    /** Starts a control plane with the default binaries in a new temp directory. */
    public static ControlPlane start() {
        return start(ControlPlaneOptions.defaults());
    }

    public static ControlPlane start(ControlPlaneOptions options) {
        Path directory;
        try {
            directory = options.directory() != null ? Files.createDirectories(options.directory())
                    : Files.createTempDirectory("consortia-kube-");
        } catch (IOException e) {
            throw new KubeTestException("cannot create the control plane's directory", e);
        }
        ControlPlane plane = new ControlPlane(directory, options.keepDirectory(), options.binaries());
        try {
            plane.launch(options.startTimeout());
            return plane;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private void launch(Duration timeout) {
        long started = System.nanoTime();
        ca = TestCertificates.certificateAuthority("consortia-test-cluster-ca");
        Credential serving = TestCertificates.serving(ca, "kube-apiserver",
                List.of("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                        "kubernetes.default.svc.cluster.local"),
                List.of("127.0.0.1", "10.0.0.1"));
        Path pki = mkdirs(directory.resolve("pki"));
        Path caFile = pki.resolve("ca.crt");
        write(caFile, ca.certificatePem());
        write(pki.resolve("apiserver.crt"), serving.certificatePem());
        write(pki.resolve("apiserver.key"), serving.privateKeyPem());
        KeyPair serviceAccountKeys = TestCertificates.rsaKeyPair();
        write(pki.resolve("sa.key"), TestCertificates.pem(serviceAccountKeys.getPrivate()));
        write(pki.resolve("sa.pub"), TestCertificates.pem(serviceAccountKeys.getPublic()));

        adminToken = token();
        String controllerToken = token();
        String schedulerToken = token();
        write(pki.resolve("tokens.csv"), String.join("\n",
                adminToken + ",admin,admin,system:masters",
                controllerToken + ",system:kube-controller-manager,kube-controller-manager,system:masters",
                schedulerToken + ",system:kube-scheduler,kube-scheduler,system:masters") + "\n");

        int etcdPort = FreePorts.next();
        int etcdPeerPort = FreePorts.next();
        apiPort = FreePorts.next();
        kubeconfig = directory.resolve("admin.kubeconfig");
        write(kubeconfig, kubeconfig(adminToken, "admin"));
        Path controllerConfig = directory.resolve("controller-manager.kubeconfig");
        write(controllerConfig, kubeconfig(controllerToken, "kube-controller-manager"));
        Path schedulerConfig = directory.resolve("scheduler.kubeconfig");
        write(schedulerConfig, kubeconfig(schedulerToken, "kube-scheduler"));

        String etcdUrl = "http://127.0.0.1:" + etcdPort;
        String peerUrl = "http://127.0.0.1:" + etcdPeerPort;
        processes.add(ManagedProcess.start("etcd", List.of(binaries.etcd().toString(),
                "--name=default", "--data-dir=" + mkdirs(directory.resolve("etcd")),
                "--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=default=" + peerUrl, "--log-level=warn"), directory));

        processes.add(ManagedProcess.start("kube-apiserver", List.of(binaries.apiServer().toString(),
                "--etcd-servers=" + etcdUrl,
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
                "--secure-port=" + apiPort, "--insecure-port=0",
                "--cert-dir=" + mkdirs(directory.resolve("apiserver-certs")),
                "--tls-cert-file=" + pki.resolve("apiserver.crt"),
                "--tls-private-key-file=" + pki.resolve("apiserver.key"),
                "--token-auth-file=" + pki.resolve("tokens.csv"),
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + pki.resolve("sa.pub"),
                "--service-account-signing-key-file=" + pki.resolve("sa.key"),
                "--service-cluster-ip-range=10.0.0.0/24",
                "--endpoint-reconciler-type=none",
                "--allow-privileged=true",
                // the test kubelet's only address; logs are fetched from it over HTTPS without verification
                "--kubelet-preferred-address-types=InternalIP",
                "--profiling=false"), directory));

        // the controller-manager gives the API server 10 s to become healthy and then exits: on a loaded machine
        // the API server needs longer, so the controllers start once it is ready
        awaitReady(timeout);
        processes.add(ManagedProcess.start("kube-controller-manager", List.of(
                binaries.controllerManager().toString(),
                "--kubeconfig=" + controllerConfig,
                "--controllers=*",
                "--leader-elect=false",
                "--service-account-private-key-file=" + pki.resolve("sa.key"),
                "--root-ca-file=" + caFile,
                "--use-service-account-credentials=false",
                // the test kubelet renews its Lease, but a loaded machine must never make a node NotReady
                "--node-monitor-grace-period=87600h",
                "--bind-address=127.0.0.1", "--port=0", "--secure-port=0",
                "--profiling=false"), directory));

        processes.add(ManagedProcess.start("kube-scheduler", List.of(binaries.scheduler().toString(),
                "--kubeconfig=" + schedulerConfig,
                "--leader-elect=false",
                "--bind-address=127.0.0.1", "--port=0", "--secure-port=0",
                "--profiling=false"), directory));

        client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        awaitDefaultServiceAccount(left.isNegative() ? Duration.ZERO : left);
        LOG.info("Kubernetes control plane ready at {} in {} ms (directory {})", apiServerUrl(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), directory);
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(ca.certificate()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create(apiServerUrl() + "/readyz"))
                .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(10)).GET().build();
        boolean ready = Poll.until(timeout, Duration.ofMillis(250), () -> {
            failIfExited();
            try {
                HttpResponse<String> response = http.send(readyz, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? Boolean.TRUE : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubeTestException("interrupted while waiting for the API server", e);
            }
        }).isPresent();
        if (!ready) {
            throw failure("the API server did not answer /readyz within " + timeout, "kube-apiserver");
        }
    }

    private void awaitDefaultServiceAccount(Duration timeout) {
        // the controller-manager's service account and token controllers work: Pods can be admitted
        boolean ready = Poll.until(timeout, Duration.ofMillis(250), () -> {
            failIfExited();
            ServiceAccount account = client.serviceAccounts().inNamespace("default").withName("default").get();
            return account != null && account.getSecrets() != null && !account.getSecrets().isEmpty()
                    && client.namespaces().withName("default").get() != null ? Boolean.TRUE : null;
        }).isPresent();
        if (!ready) {
            throw failure("the default service account and its token were not created within " + timeout,
                    "kube-controller-manager");
        }
    }

    private void failIfExited() {
        for (ManagedProcess process : processes) {
            if (!process.alive()) {
                throw failure(process.name() + " exited", process.name());
            }
        }
    }

    private KubeTestException failure(String what, String culprit) {
        StringBuilder message = new StringBuilder("The test Kubernetes control plane did not start: ").append(what)
                .append(". Processes:");
        for (ManagedProcess process : processes) {
            message.append(System.lineSeparator()).append("  ").append(process.describe());
        }
        processes.stream().filter(p -> p.name().equals(culprit)).findFirst().ifPresent(p -> message
                .append(System.lineSeparator()).append("Errors in the log of ").append(p.name()).append(':')
                .append(System.lineSeparator()).append(p.errors(15))
                .append(System.lineSeparator()).append("Last lines:")
                .append(System.lineSeparator()).append(p.tail(15)));
        return new KubeTestException(message.toString());
    }

    /** An admin client (system:masters). Closed with the control plane. */
    public KubernetesClient client() {
        return client;
    }

    /** A new admin client configuration, for clients of one's own. */
    public Config clientConfig() {
        Config config = Config.fromKubeconfig(kubeconfig(adminToken, "admin"));
        // the defaults are tuned for real clusters; a loaded test machine answers slowly now and then
        config.setRequestTimeout(30_000);
        config.setConnectionTimeout(10_000);
        return config;
    }

    /** An admin kubeconfig file (token authentication), for kubectl and the platform. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String apiServerUrl() {
        return "https://127.0.0.1:" + apiPort;
    }

    public int apiServerPort() {
        return apiPort;
    }

    public String caCertificatePem() {
        return ca.certificatePem();
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The cluster CA, for components that must sign with it (the test kubelet's serving certificate). */
    public Credential certificateAuthority() {
        return ca;
    }

    /** The directory holding etcd's data, the certificates, kubeconfigs and every process's log. */
    public Path directory() {
        return directory;
    }

    /** kubectl, built beside the server programs. */
    public Path kubectl() {
        return binaries.kubectl();
    }

    /** The log files of the control plane's processes, for failure messages. */
    public List<Path> logs() {
        return processes.stream().map(ManagedProcess::log).toList();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        // scheduler and controllers first, etcd last, so nothing logs errors about a vanished API server
        List<ManagedProcess> reverse = new ArrayList<>(processes);
        java.util.Collections.reverse(reverse);
        for (ManagedProcess process : reverse) {
            process.stop(STOP_GRACE);
        }
        if (!keepDirectory) {
            Directories.deleteRecursively(directory);
        } else {
            LOG.info("Kept the control plane's directory {}", directory);
        }
    }

    private String kubeconfig(String token, String user) {
        String caData = Base64.getEncoder().encodeToString(ca.certificatePem().getBytes(StandardCharsets.US_ASCII));
        return "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- name: consortia-test\n"
                + "  cluster:\n"
                + "    server: " + apiServerUrl() + "\n"
                + "    certificate-authority-data: " + caData + "\n"
                + "users:\n"
                + "- name: " + user + "\n"
                + "  user:\n"
                + "    token: " + token + "\n"
                + "contexts:\n"
                + "- name: consortia-test\n"
                + "  context:\n"
                + "    cluster: consortia-test\n"
                + "    user: " + user + "\n"
                + "    namespace: default\n"
                + "current-context: consortia-test\n";
    }

    private static String token() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KubeTestException("cannot create " + dir, e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KubeTestException("cannot write " + file, e);
        }
    }
}
