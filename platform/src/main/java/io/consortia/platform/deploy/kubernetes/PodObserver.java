package io.consortia.platform.deploy.kubernetes;

import io.consortia.platform.deploy.NodeObservation;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A node's pod as the cluster reports it: Ready, restarts, why it is not ready (its container's
 * state), the last events about it; and its log.
 */
final class PodObserver {
    private static final int EVENTS = 8;
    /** A kubelet's message is a sentence; one that runs on is cut here. */
    private static final int MESSAGE = 300;
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

    /**
     * Why a pod that is not ready is not, in the cluster's words, from the pod's own status first:
     * a container waiting ({@code ContainerCreating: secret c1-org3-keys not found},
     * {@code ImagePullBackOff: ...}, {@code CrashLoopBackOff: ...}) or terminated (reason and exit
     * code), with how it last ended ({@code last terminated: OOMKilled (exit code 137)}); else a pod
     * the scheduler cannot place ({@code Unschedulable: 0/3 nodes are available ...}); else, for a
     * container that runs but is not ready, its last failed probe among the events, or how it last
     * ended ({@code Running, not ready; last terminated: OOMKilled (exit code 137)}). Null for a ready
     * pod, a missing one (being recreated: its events say more) and one that gives no reason. A
     * terminated container's own message is left out: it is the container's termination log, which
     * may be its log's tail, and the node's log is not for everyone who sees the node list.
     */
    static String problem(Pod pod, List<String> events) {
        if (pod == null || pod.getStatus() == null || isReady(pod)) {
            return null;
        }
        List<String> said = new java.util.ArrayList<>();
        List<ContainerStatus> containers = new java.util.ArrayList<>(pod.getStatus().getInitContainerStatuses());
        containers.addAll(pod.getStatus().getContainerStatuses());
        boolean running = false;
        String endedBefore = null;
        for (ContainerStatus container : containers) {
            ContainerState state = container.getState();
            String now = null;
            if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null) {
                now = withMessage(state.getWaiting().getReason(), state.getWaiting().getMessage());
            } else if (state != null && state.getTerminated() != null
                    && !"Completed".equals(state.getTerminated().getReason())) {
                now = ended(state.getTerminated());
            } else if (state != null && state.getRunning() != null) {
                running = true;
            }
            ContainerStateTerminated last = container.getLastState() == null ? null
                    : container.getLastState().getTerminated();
            if (now != null) {
                said.add(now + (last == null ? "" : "; last terminated: " + ended(last)));
            } else if (last != null) {
                endedBefore = "Running, not ready; last terminated: " + ended(last);
            }
        }
        if (!said.isEmpty()) {
            return String.join("; ", said);
        }
        Optional<String> unscheduled = pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && c.getReason() != null)
                .map(c -> withMessage(c.getReason(), c.getMessage())).findFirst();
        if (unscheduled.isPresent()) {
            return unscheduled.get();
        }
        if (running) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i).startsWith("Unhealthy: ")) {
                    return cut(events.get(i));
                }
            }
        }
        return endedBefore;
    }

    private static String ended(ContainerStateTerminated terminated) {
        String reason = terminated.getReason() == null ? "Terminated" : terminated.getReason();
        return reason + (terminated.getExitCode() == null ? "" : " (exit code " + terminated.getExitCode() + ")");
    }

    private static String withMessage(String reason, String message) {
        return message == null || message.isBlank() ? reason : cut(reason + ": " + message);
    }

    /** One line of at most {@value #MESSAGE} characters. */
    private static String cut(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > MESSAGE ? line.substring(0, MESSAGE - 3) + "..." : line;
    }

    /** The pod's state; a pod that does not exist (being recreated) is not ready, with its last events. */
    NodeObservation observe(String namespace, String pod) {
        Pod current = client.pods().inNamespace(namespace).withName(pod).get();
        List<String> events = events(namespace, pod);
        return new NodeObservation(isReady(current), restarts(current), events, problem(current, events));
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
            List<String> about = last(events, pod);
            seen.put(pod, new NodeObservation(isReady(now), restarts(now), about, problem(now, about)));
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
