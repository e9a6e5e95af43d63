package io.consortia.platform.deploy.kubernetes;

import io.consortia.platform.deploy.NodeObservation;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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

    /** The cluster's recent events about the pod, oldest first, as "reason: message". */
    List<String> events(String namespace, String pod) {
        try {
            List<Event> events = client.v1().events().inNamespace(namespace)
                    .withField("involvedObject.name", pod).list().getItems();
            return events.stream()
                    .filter(e -> e.getInvolvedObject() != null && pod.equals(e.getInvolvedObject().getName()))
                    .sorted(Comparator.comparing(PodObserver::when))
                    .skip(Math.max(0, events.size() - EVENTS))
                    .map(e -> e.getReason() + ": " + e.getMessage())
                    .toList();
        } catch (KubernetesClientException e) {
            return List.of();
        }
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
