package io.consortia.kubetest.kubelet;

import io.consortia.kubetest.KubeTestException;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
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
 *       Service to every address of its Endpoints, any other to its first ready address (there is no kube-proxy
 *       and no virtual IP, so a client connects to a Pod directly: a Service's {@code port} must equal its
 *       {@code targetPort});
 *   <li>{@code kubernetes.default.svc.cluster.local} and its shorter forms: the API server's 127.0.0.1 (clients
 *       must use the API server's port, which {@code KUBERNETES_SERVICE_PORT} holds).
 * </ul>
 * A Pod is in the file before its containers start, so a process resolves its own name from the start. The file is
 * replaced atomically on every change.
 */
final class ClusterHosts {
    private static final String DOMAIN = "svc.cluster.local";

    /** A running Pod's names. */
    record PodEntry(String namespace, String name, String hostname, String subdomain, String ip) {}

    private final Path file;
    private final Map<String, PodEntry> pods = new ConcurrentHashMap<>();
    private final Supplier<Collection<Service>> services;
    private final Supplier<Collection<Endpoints>> endpoints;
    private final String machineName;
    private String written = "";

    ClusterHosts(Path file, Supplier<Collection<Service>> services, Supplier<Collection<Endpoints>> endpoints) {
        this.file = file;
        this.services = services;
        this.endpoints = endpoints;
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
        Map<String, Endpoints> endpointsByKey = new TreeMap<>();
        for (Endpoints e : endpoints.get()) {
            endpointsByKey.put(e.getMetadata().getNamespace() + "/" + e.getMetadata().getName(), e);
        }
        for (Service service : services.get()) {
            String ns = service.getMetadata().getNamespace();
            String name = service.getMetadata().getName();
            if ("ExternalName".equals(service.getSpec().getType())) {
                continue;
            }
            Endpoints e = endpointsByKey.get(ns + "/" + name);
            List<String> addresses = readyAddresses(e);
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

    private static List<String> readyAddresses(Endpoints endpoints) {
        if (endpoints == null || endpoints.getSubsets() == null) {
            return List.of();
        }
        Set<String> ips = new TreeSet<>();
        for (EndpointSubset subset : endpoints.getSubsets()) {
            if (subset.getAddresses() != null) {
                subset.getAddresses().stream().map(EndpointAddress::getIp).filter(Objects::nonNull).forEach(ips::add);
            }
        }
        return new ArrayList<>(ips);
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
