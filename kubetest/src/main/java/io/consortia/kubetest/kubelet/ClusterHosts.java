package io.consortia.kubetest.kubelet;

import io.consortia.kubetest.KubeTestException;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1beta1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1beta1.EndpointSlice;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The cluster's DNS as a hosts file ({@code -Djdk.net.hosts.file}): there is no cluster DNS server, and Java reads
 * such a file instead of asking the resolver.
 *
 * <ul>
 *   <li>{@code localhost} and this machine's host name: 127.0.0.1;
 *   <li>a Pod with {@code hostname} and {@code subdomain} (every StatefulSet Pod):
 *       {@code <hostname>.<subdomain>.<ns>.svc.cluster.local}, {@code .svc}, {@code <hostname>.<subdomain>.<ns>},
 *       {@code <hostname>.<subdomain>}; the bare host name of a Pod when no other Pod has it;
 *   <li>a Service: {@code <svc>.<ns>.svc.cluster.local}, {@code <svc>.<ns>.svc}, {@code <svc>.<ns>}: a headless
 *       Service to every ready address of its EndpointSlices, any other to the first (there is no kube-proxy
 *       and no virtual IP, so a client connects to a Pod directly: a Service's {@code port} must equal its
 *       {@code targetPort});
 *   <li>{@code kubernetes.default.svc.cluster.local} and its shorter forms: the API server's 127.0.0.1 (clients
 *       must use the API server's port, which {@code KUBERNETES_SERVICE_PORT} holds).
 * </ul>
 * A Pod is in the file before its containers start, so a process resolves its own name from the start. The file is
 * replaced atomically on every change.
 *
 * <p>EndpointSlices, not v1 Endpoints: the API server refuses loopback addresses in Endpoints ("may not be in the
 * loopback range"), so the Endpoints of the test cluster's Services stay empty, while EndpointSlices
 * (discovery.k8s.io/v1beta1 in 1.20) accept them. The slice controller counts a not-ready Pod as ready when its
 * Service publishes not-ready addresses.
 */
final class ClusterHosts {
    private static final String DOMAIN = "svc.cluster.local";

    /** A running Pod's names. */
    record PodEntry(String namespace, String name, String hostname, String subdomain, String ip) {}

    private final Path file;
    private final Map<String, PodEntry> pods = new ConcurrentHashMap<>();
    private final Supplier<Collection<Service>> services;
    private final Supplier<Collection<EndpointSlice>> slices;
    private final String machineName;
    private String written = "";

    ClusterHosts(Path file, Supplier<Collection<Service>> services, Supplier<Collection<EndpointSlice>> slices) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new KubeTestException("cannot create the directory of the hosts file " + file, e);
        }
        this.services = services;
        this.slices = slices;
        this.machineName = machineName();
        refresh();
    }

    Path file() {
        return file;
    }

    void addPod(String uid, PodEntry entry) {
        pods.put(uid, entry);
        refresh();
    }

    void removePod(String uid) {
        if (pods.remove(uid) != null) {
            refresh();
        }
    }

    /** Rewrites the file when its content changed. */
    synchronized void refresh() {
        String content = render();
        if (content.equals(written)) {
            return;
        }
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = content;
        } catch (IOException e) {
            throw new KubeTestException("cannot write the cluster hosts file " + file, e);
        }
    }

    String render() {
        // name -> addresses; one line per (address, name) so that a name may have several addresses
        Map<String, Set<String>> names = new TreeMap<>();
        add(names, "localhost", "127.0.0.1");
        if (machineName != null && !machineName.equals("localhost")) {
            add(names, machineName, "127.0.0.1");
        }
        for (String name : List.of("kubernetes.default." + DOMAIN, "kubernetes.default.svc", "kubernetes.default")) {
            add(names, name, "127.0.0.1");
        }
        Map<String, Integer> bareHostnames = new TreeMap<>();
        pods.values().forEach(pod -> bareHostnames.merge(pod.hostname(), 1, Integer::sum));
        for (PodEntry pod : pods.values()) {
            if (pod.subdomain() != null && !pod.subdomain().isBlank()) {
                String base = pod.hostname() + "." + pod.subdomain();
                add(names, base + "." + pod.namespace() + "." + DOMAIN, pod.ip());
                add(names, base + "." + pod.namespace() + ".svc", pod.ip());
                add(names, base + "." + pod.namespace(), pod.ip());
                add(names, base, pod.ip());
            }
            if (bareHostnames.get(pod.hostname()) == 1) {
                add(names, pod.hostname(), pod.ip());
            }
        }
        Map<String, Set<String>> addressesByService = new TreeMap<>();
        for (EndpointSlice slice : slices.get()) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String service = labels == null ? null : labels.get("kubernetes.io/service-name");
            if (service == null || slice.getEndpoints() == null) {
                continue;
            }
            Set<String> ips = addressesByService.computeIfAbsent(slice.getMetadata().getNamespace() + "/" + service,
                    k -> new TreeSet<>());
            for (Endpoint endpoint : slice.getEndpoints()) {
                boolean ready = endpoint.getConditions() == null || endpoint.getConditions().getReady() == null
                        || endpoint.getConditions().getReady();
                if (ready && endpoint.getAddresses() != null) {
                    endpoint.getAddresses().stream().filter(Objects::nonNull).forEach(ips::add);
                }
            }
        }
        for (Service service : services.get()) {
            String ns = service.getMetadata().getNamespace();
            String name = service.getMetadata().getName();
            if ("ExternalName".equals(service.getSpec().getType())) {
                continue;
            }
            List<String> addresses = new ArrayList<>(addressesByService.getOrDefault(ns + "/" + name, Set.of()));
            if (addresses.isEmpty()) {
                continue;
            }
            boolean headless = "None".equals(service.getSpec().getClusterIP());
            List<String> targets = headless ? addresses : List.of(addresses.get(0));
            for (String ip : targets) {
                add(names, name + "." + ns + "." + DOMAIN, ip);
                add(names, name + "." + ns + ".svc", ip);
                add(names, name + "." + ns, ip);
            }
        }
        StringBuilder out = new StringBuilder("# written by the Consortia test kubelet: the test cluster's DNS\n");
        names.forEach((name, ips) -> ips.forEach(ip -> out.append(ip).append(' ').append(name).append('\n')));
        return out.toString();
    }

    private static void add(Map<String, Set<String>> names, String name, String ip) {
        names.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> new TreeSet<>()).add(ip);
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
