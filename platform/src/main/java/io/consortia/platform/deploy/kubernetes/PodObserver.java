package io.consortia.platform.deploy.kubernetes;

import io.consortia.platform.deploy.NodeObservation;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** A node's pod as the cluster reports it: Ready, restarts, the last events about it; and its log. */
final class PodObserver {
    private static final int EVENTS = 8;
    private final KubernetesClient client;

    PodObserver(KubernetesClient client) {
        this.client = client;
    }

    static boolean isReady(Pod pod) {
        return pod != null && pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static int restarts(Pod pod) {
        if (pod == null || pod.getStatus() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getRestartCount)
                .filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
    }

    /** The pod's state; a pod that does not exist (being recreated) is not ready, with its last events. */
    NodeObservation observe(String namespace, String pod) {
        Pod current = client.pods().inNamespace(namespace).withName(pod).get();
        return new NodeObservation(isReady(current), restarts(current), events(namespace, pod));
    }

    /**
     * As {@link #observe} for each of the pods, from one list of the namespace's pods and one of
     * its events: the supervisor asks for every node at every round, and a question per pod would
     * grow with the network.
     */
    Map<String, NodeObservation> observeAll(String namespace, Collection<String> pods) {
        Map<String, Pod> current = client.pods().inNamespace(namespace).list().getItems().stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p, (a, b) -> a));
        List<Event> events;
        try {
            events = client.v1().events().inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            events = List.of();
        }
        Map<String, NodeObservation> seen = new HashMap<>();
        for (String pod : pods) {
            Pod now = current.get(pod);
            seen.put(pod, new NodeObservation(isReady(now), restarts(now), last(events, pod)));
        }
        return seen;
    }

    /** The cluster's recent events about the pod, oldest first, as "reason: message". */
    List<String> events(String namespace, String pod) {
        try {
            return last(client.v1().events().inNamespace(namespace).withField("involvedObject.name", pod).list()
                    .getItems(), pod);
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    private static List<String> last(List<Event> events, String pod) {
        List<Event> about = events.stream()
                .filter(e -> e.getInvolvedObject() != null && pod.equals(e.getInvolvedObject().getName()))
                .toList();
        return about.stream()
                .sorted(Comparator.comparing(PodObserver::when))
                .skip(Math.max(0, about.size() - EVENTS))
                .map(e -> e.getReason() + ": " + e.getMessage())
                .toList();
    }

    /** The last lines of the pod's node container (pods/log with tailLines); empty while the pod does not exist. */
    String log(String namespace, String pod, int lines) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod).inContainer("node")
                    .tailingLines(lines).getLog();
            return log == null ? "" : log.stripTrailing();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 400) {
                return ""; // no pod (yet), or its container has not started
            }
            throw e;
        }
    }

    /** As {@link #log}, each line prefixed with the time the container wrote it (pods/log with timestamps). */
    String timedLog(String namespace, String pod, int lines) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod).inContainer("node")
                    .usingTimestamps().tailingLines(lines).getLog();
            return log == null ? "" : log.stripTrailing();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 400) {
                return "";
            }
            throw e;
        }
    }

    private static String when(Event event) {
        String time = event.getLastTimestamp() != null ? event.getLastTimestamp()
                : event.getEventTime() != null ? event.getEventTime().getTime() : event.getFirstTimestamp();
        return time == null ? "" : time;
    }
}
