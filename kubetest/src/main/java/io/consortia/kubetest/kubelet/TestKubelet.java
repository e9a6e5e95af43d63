package io.consortia.kubetest.kubelet;

import io.consortia.common.DaemonThreads;
import io.consortia.kubetest.KubeTestException;
import io.consortia.kubetest.controlplane.ControlPlane;
import io.consortia.kubetest.controlplane.Directories;
import io.fabric8.kubernetes.api.model.discovery.v1beta1.EndpointSlice;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kubelet for tests, in the spirit of virtual-kubelet: it registers Nodes ({@code machine-1..N}) and runs every
 * Pod the scheduler binds to them as local processes, one per container, from an {@link ImageCatalog}. Each Pod gets
 * its own loopback address (127.0.x.y), entered with the Pod's and Services' DNS names in a cluster hosts file that
 * Java processes read ({@code JAVA_TOOL_OPTIONS}). Volumes become directories, probes drive readiness and restarts,
 * container logs are served to the API server, a deleted Pod's processes are stopped and the Pod is removed.
 * See docs/testing-kubernetes.md for what it does not do.
 */
public final class TestKubelet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestKubelet.class);
    private static final long RECONCILE_MILLIS = 500;
    private static final long HEARTBEAT_SECONDS = 10;

    private final KubernetesClient client;
    private final List<String> nodeNames;
    private final Path directory;
    private final boolean ownDirectory;
    private final KubeletContext context;
    private final ClusterHosts hosts;
    private final LogServer logServer;
    private final NodeAgent nodes;
    private final ScheduledExecutorService loop;
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Pod> podInformer;
    private volatile boolean closed;

    private TestKubelet(Builder builder) {
        this.client = builder.client;
        this.nodeNames = List.copyOf(builder.nodeNames);
        try {
            this.ownDirectory = builder.directory == null;
            this.directory = ownDirectory ? Files.createTempDirectory("consortia-kubelet-")
                    : Files.createDirectories(builder.directory);
            Files.createDirectories(directory.resolve("pods"));
        } catch (IOException e) {
            throw new KubeTestException("cannot create the test kubelet's directory", e);
        }
        SharedIndexInformer<Service> services = client.services().inAnyNamespace().runnableInformer(0);
        SharedIndexInformer<EndpointSlice> endpoints = client.discovery().v1beta1().endpointSlices().inAnyNamespace()
                .runnableInformer(0);
        Path hostsFile = builder.hostsFile != null ? builder.hostsFile : directory.resolve("hosts");
        this.hosts = new ClusterHosts(hostsFile, () -> services.getStore().list(),
                () -> endpoints.getStore().list());
        this.context = new KubeletContext(client, builder.catalog, hosts, new IpPool(), directory.resolve("pods"),
                builder.apiServerHost, builder.apiServerPort, builder.maxTerminationGrace, builder.maxBackOff);
        this.logServer = new LogServer(this::worker);
        this.nodes = new NodeAgent(client, nodeNames, builder.capacity, logServer.port());
        this.loop = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("test-kubelet"));
        ResourceEventHandler<Object> refreshHosts = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
                hosts.refresh();
            }

            @Override
            public void onUpdate(Object oldObj, Object newObj) {
                hosts.refresh();
            }

            @Override
            public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
                hosts.refresh();
            }
        };
        services.addEventHandler(refreshHosts);
        endpoints.addEventHandler(refreshHosts);
        informers.add(services);
        informers.add(endpoints);
        services.run();
        endpoints.run();
    }

    /** A kubelet with {@code nodes} Nodes on {@code plane}, its directory inside the control plane's. */
    public static TestKubelet start(ControlPlane plane, ImageCatalog catalog, int nodes) {
        return builder(plane.client(), catalog).nodes(nodes).directory(plane.directory().resolve("kubelet"))
                .apiServer("127.0.0.1", plane.apiServerPort()).start();
    }

    public static Builder builder(KubernetesClient client, ImageCatalog catalog) {
        return new Builder(client, catalog);
    }

    private void begin() {
        nodes.register();
        podInformer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                trigger();
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                PodWorker worker = workers.get(newPod.getMetadata().getUid());
                if (worker != null) {
                    worker.update(newPod);
                }
                trigger();
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                trigger();
            }
        }, 0);
        informers.add(podInformer);
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 0, RECONCILE_MILLIS, TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(nodes::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        LOG.info("Test kubelet serving nodes {} (HTTPS port {}, hosts file {})", nodeNames, logServer.port(),
                hosts.file());
    }

    private void trigger() {
        if (!closed) {
            loop.execute(this::reconcileQuietly);
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("test kubelet reconcile failed: {}", e.toString(), e);
        }
    }

    private synchronized void reconcile() {
        if (closed) {
            return;
        }
        Set<String> present = new HashSet<>();
        for (Pod pod : podInformer.getStore().list()) {
            String node = pod.getSpec().getNodeName();
            if (node == null || !nodeNames.contains(node)) {
                continue;
            }
            String uid = pod.getMetadata().getUid();
            present.add(uid);
            PodWorker worker = workers.get(uid);
            if (worker != null) {
                worker.update(pod);
                continue;
            }
            if (finished.contains(uid)) {
                continue;
            }
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (("Succeeded".equals(phase) || "Failed".equals(phase)) && pod.getMetadata().getDeletionTimestamp() == null) {
                continue;
            }
            PodWorker created = new PodWorker(context, pod, () -> {
                workers.remove(uid);
                finished.add(uid);
            });
            workers.put(uid, created);
            created.start();
        }
        for (PodWorker worker : workers.values()) {
            if (!present.contains(worker.uid())) {
                worker.gone();
            }
        }
        finished.retainAll(present);
        hosts.refresh();
    }

    private Optional<PodWorker> worker(String namespace, String name) {
        return workers.values().stream().filter(w -> w.namespace().equals(namespace) && w.name().equals(name))
                .findFirst();
    }

    /** The names of this kubelet's Nodes. */
    public List<String> nodeNames() {
        return nodeNames;
    }

    /** The cluster hosts file ({@code -Djdk.net.hosts.file}). */
    public Path hostsFile() {
        return hosts.file();
    }

    /**
     * The JVM options the kubelet gives Java containers. A test JVM that must resolve Pod names starts with
     * {@code -Djdk.net.hosts.file=<some path>} (e.g. failsafe's {@code systemPropertyVariables}): Java reads that
     * property only once, and the kubelet then writes the cluster's names into that very file.
     */
    public String javaToolOptions() {
        return context.javaToolOptions();
    }

    /** The same as system properties, for a JVM started by the test itself. */
    public Map<String, String> javaSystemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("jdk.net.hosts.file", hosts.file().toString());
        properties.put("sun.net.inetaddr.ttl", "0");
        properties.put("sun.net.inetaddr.negative.ttl", "0");
        return properties;
    }

    /** The HTTPS port the API server fetches container logs from. */
    public int port() {
        return logServer.port();
    }

    public Path directory() {
        return directory;
    }

    /** The loopback address of a Pod this kubelet runs. */
    public Optional<String> podIp(String namespace, String pod) {
        return worker(namespace, pod).flatMap(PodWorker::ip);
    }

    /** The directory of a Pod this kubelet runs ({@code rootfs/}, {@code volumes/}, {@code logs/}). */
    public Optional<Path> podDirectory(String namespace, String pod) {
        return worker(namespace, pod).map(PodWorker::directory);
    }

    /** Stops every Pod's processes (the Pod objects stay), removes the Nodes, closes the HTTPS port. */
    @Override
    public void close() {
        closed = true;
        loop.shutdownNow();
        informers.forEach(SharedIndexInformer::close);
        List<PodWorker> running = new ArrayList<>(workers.values());
        running.forEach(PodWorker::shutdown);
        running.forEach(w -> w.awaitFinished(Duration.ofSeconds(15)));
        nodes.deregister();
        logServer.close();
        if (ownDirectory) {
            Directories.deleteRecursively(directory);
        }
    }

    /** Configuration with defaults; {@link #start()} registers the Nodes and starts running Pods. */
    public static final class Builder {
        private final KubernetesClient client;
        private final ImageCatalog catalog;
        private List<String> nodeNames = List.of("machine-1");
        private Path directory;
        private String apiServerHost = "127.0.0.1";
        private int apiServerPort = 443;
        private NodeCapacity capacity = NodeCapacity.defaults();
        private Duration maxTerminationGrace = Duration.ofSeconds(10);
        private Duration maxBackOff = Duration.ofSeconds(10);
        private Path hostsFile = defaultHostsFile();

        private Builder(KubernetesClient client, ImageCatalog catalog) {
            this.client = Objects.requireNonNull(client, "client");
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /** Nodes {@code machine-1} .. {@code machine-<count>}. */
        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one node, got " + count);
            }
            return nodeNames(IntStream.rangeClosed(1, count).mapToObj(i -> "machine-" + i).toList());
        }

        public Builder nodeNames(List<String> names) {
            this.nodeNames = List.copyOf(names);
            return this;
        }

        /** Where Pod directories, logs and the hosts file go (default: a temp directory deleted on close). */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** The API server as Pods reach it ({@code KUBERNETES_SERVICE_HOST}/{@code _PORT}). */
        public Builder apiServer(String host, int port) {
            this.apiServerHost = host;
            this.apiServerPort = port;
            return this;
        }

        public Builder capacity(NodeCapacity capacity) {
            this.capacity = capacity;
            return this;
        }

        /** The longest a deleted Pod's processes get between SIGTERM and kill (default 10 s). */
        public Builder maxTerminationGrace(Duration grace) {
            this.maxTerminationGrace = grace;
            return this;
        }

        /** The longest back-off before restarting a crashed container (default 10 s; Kubernetes: 5 min). */
        public Builder maxBackOff(Duration backOff) {
            this.maxBackOff = backOff;
            return this;
        }

        /**
         * Where the cluster hosts file is written. Default: the file this JVM was started with
         * ({@code -Djdk.net.hosts.file}, read by Java only once, at start), so that the test JVM itself resolves the
         * cluster's names; otherwise {@code hosts} in the kubelet's directory.
         */
        public Builder hostsFile(Path file) {
            this.hostsFile = file;
            return this;
        }

        private static Path defaultHostsFile() {
            String configured = System.getProperty("jdk.net.hosts.file");
            return configured == null || configured.isBlank() ? null : Path.of(configured).toAbsolutePath();
        }

        public TestKubelet start() {
            TestKubelet kubelet = new TestKubelet(this);
            try {
                kubelet.begin();
                return kubelet;
            } catch (RuntimeException e) {
                kubelet.close();
                throw e;
            }
        }
    }
}
