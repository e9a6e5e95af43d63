package io.consortia.platform.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.deploy.NodeObservation;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the node views and log pages get from the cluster, against the mock API server's recorded
 * answers: a pod's Ready condition and restarts, its events oldest first, and its log read as
 * {@code pods/log} of the node container with {@code tailLines}.
 */
@EnableKubernetesMockClient
class PodObserverTest {
    private static final String PODS = "/api/v1/namespaces/ns/pods/";
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void a_pod_reports_readiness_restarts_and_its_events_oldest_first() {
        server.expect().get().withPath(PODS + "c1-org1-0").andReturn(200, new PodBuilder()
                .withNewMetadata().withName("c1-org1-0").withNamespace("ns").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("node").withRestartCount(2).endContainerStatus().endStatus()
                .build()).once();
        server.expect().get().withPath("/api/v1/namespaces/ns/events?fieldSelector=involvedObject.name%3Dc1-org1-0")
                .andReturn(200, new EventListBuilder().addToItems(
                        event("Started", "Started container node", "2026-12-02T10:00:05Z"),
                        event("Scheduled", "Successfully assigned ns/c1-org1-0 to machine-2", "2026-12-02T10:00:00Z"))
                        .build()).once();

        NodeObservation seen = new PodObserver(client).observe("ns", "c1-org1-0");

        assertThat(seen.ready()).isTrue();
        assertThat(seen.restarts()).isEqualTo(2);
        assertThat(seen.events()).containsExactly("Scheduled: Successfully assigned ns/c1-org1-0 to machine-2",
                "Started: Started container node");
    }

    @Test
    void the_pods_of_a_namespace_are_observed_from_one_list_of_pods_and_one_of_events() {
        server.expect().get().withPath("/api/v1/namespaces/ns/pods").andReturn(200, new PodListBuilder().addToItems(
                new PodBuilder().withNewMetadata().withName("c1-org1-0").withNamespace("ns").endMetadata()
                        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                        .addNewContainerStatus().withName("node").withRestartCount(2).endContainerStatus().endStatus()
                        .build()).build()).once();
        server.expect().get().withPath("/api/v1/namespaces/ns/events").andReturn(200, new EventListBuilder()
                .addToItems(event("Started", "Started container node", "2026-12-02T10:00:05Z"),
                        event("Scheduled", "Successfully assigned ns/c1-org1-0 to machine-2", "2026-12-02T10:00:00Z"),
                        event("c1-org1-1", "FailedScheduling", "0/3 nodes are available", "2026-12-02T10:00:07Z"))
                .build()).once();

        Map<String, NodeObservation> seen = new PodObserver(client).observeAll("ns", List.of("c1-org1-0", "c1-org1-1"));

        assertThat(seen.get("c1-org1-0")).isEqualTo(new NodeObservation(true, 2, List.of(
                "Scheduled: Successfully assigned ns/c1-org1-0 to machine-2", "Started: Started container node")));
        assertThat(seen.get("c1-org1-1")).as("a pod being recreated: not ready, its own events only")
                .isEqualTo(new NodeObservation(false, 0, List.of("FailedScheduling: 0/3 nodes are available")));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    /**
     * Found by a tester: a pod whose keys Secret was deleted stayed ContainerCreating, the cluster
     * said why, and the platform showed only STARTING with no error. The pod's own state says why.
     */
    @Test
    void a_pod_that_is_not_ready_says_why_in_the_cluster_s_words_from_its_own_state_first() {
        server.expect().get().withPath("/api/v1/namespaces/ns/pods").andReturn(200, new PodListBuilder().addToItems(
                notReady("c1-org3-0").addNewContainerStatus().withName("node").withRestartCount(0).withNewState()
                        .withNewWaiting().withReason("ContainerCreating").withMessage("secret c1-org3-keys not found")
                        .endWaiting().endState().endContainerStatus().endStatus().build(),
                notReady("c1-org3-1").addNewContainerStatus().withName("node").withRestartCount(3).withNewState()
                        .withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 40s restarting failed container=node pod=c1-org3-1_ns(1)").endWaiting()
                        .endState().withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                        .withMessage("the container's own last words").endTerminated().endLastState()
                        .endContainerStatus().endStatus().build(),
                notReady("c1-org3-2").addNewCondition().withType("PodScheduled").withStatus("False")
                        .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient memory.")
                        .endCondition().endStatus().build(),
                notReady("c1-org3-3").addNewContainerStatus().withName("node").withNewState().withNewRunning()
                        .endRunning().endState().endContainerStatus().endStatus().build(),
                new PodBuilder().withNewMetadata().withName("c1-org3-4").withNamespace("ns").endMetadata()
                        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                        .addNewContainerStatus().withName("node").withNewState().withNewRunning().endRunning()
                        .endState().endContainerStatus().endStatus().build()).build()).once();
        server.expect().get().withPath("/api/v1/namespaces/ns/events").andReturn(200, new EventListBuilder()
                .addToItems(event("c1-org3-0", "FailedMount", "MountVolume.SetUp failed", "2026-12-02T10:00:05Z"),
                        event("c1-org3-3", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503",
                                "2026-12-02T10:00:06Z"))
                .build()).once();

        Map<String, NodeObservation> seen = new PodObserver(client).observeAll("ns",
                List.of("c1-org3-0", "c1-org3-1", "c1-org3-2", "c1-org3-3", "c1-org3-4", "c1-org3-5"));

        assertThat(seen.get("c1-org3-0").problem()).as("the pod's state, not the event about it")
                .isEqualTo("ContainerCreating: secret c1-org3-keys not found");
        assertThat(seen.get("c1-org3-1").problem()).as("how it last ended, without the container's own message")
                .isEqualTo("CrashLoopBackOff: back-off 40s restarting failed container=node pod=c1-org3-1_ns(1);"
                        + " last terminated: OOMKilled (exit code 137)");
        assertThat(seen.get("c1-org3-2").problem())
                .isEqualTo("Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
        assertThat(seen.get("c1-org3-3").problem()).as("running, not ready: its failed probe")
                .isEqualTo("Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503");
        assertThat(seen.get("c1-org3-4").problem()).as("ready").isNull();
        assertThat(seen.get("c1-org3-5").problem()).as("no pod (being recreated)").isNull();
        assertThat(seen.get("c1-org3-5").ready()).isFalse();
    }

    private static io.fabric8.kubernetes.api.model.PodFluent<PodBuilder>.StatusNested<PodBuilder> notReady(String pod) {
        return new PodBuilder().withNewMetadata().withName(pod).withNamespace("ns").endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus("False").endCondition();
    }

    @Test
    void a_pod_being_deleted_or_without_a_ready_condition_is_not_ready() {
        assertThat(PodObserver.isReady(new PodBuilder().withNewMetadata().withName("p")
                .withDeletionTimestamp("2026-12-02T10:00:00Z").endMetadata().withNewStatus().addNewCondition()
                .withType("Ready").withStatus("True").endCondition().endStatus().build())).isFalse();
        assertThat(PodObserver.isReady(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("False").endCondition().endStatus()
                .build())).isFalse();
        assertThat(PodObserver.isReady(null)).isFalse();
    }

    @Test
    void the_log_is_the_node_container_s_last_lines_and_empty_while_there_is_no_pod() {
        server.expect().get().withPath(PODS + "c1-org1-0/log?pretty=false&container=node&tailLines=2")
                .andReturn(200, "line 9\nline 10\n").once();

        assertThat(new PodObserver(client).log("ns", "c1-org1-0", 2)).isEqualTo("line 9\nline 10");
        assertThat(new PodObserver(client).log("ns", "c1-org1-1", 2)).isEmpty();
    }

    /** For a search by time: the container's lines carry only a time of day, the API server adds the date. */
    @Test
    void the_timed_log_asks_the_api_server_for_timestamps() {
        server.expect().get().withPath(PODS + "c1-org1-0/log?pretty=false&container=node&tailLines=2&timestamps=true")
                .andReturn(200, "2026-12-02T21:00:00.1Z 21:00:00.100 INFO a\n2026-12-02T21:00:01.2Z 21:00:01.200 INFO b\n")
                .once();

        assertThat(new PodObserver(client).timedLog("ns", "c1-org1-0", 2))
                .isEqualTo("2026-12-02T21:00:00.1Z 21:00:00.100 INFO a\n2026-12-02T21:00:01.2Z 21:00:01.200 INFO b");
        assertThat(new PodObserver(client).timedLog("ns", "c1-org1-1", 2)).isEmpty();
    }

    private static io.fabric8.kubernetes.api.model.Event event(String reason, String message, String at) {
        return event("c1-org1-0", reason, message, at);
    }

    private static io.fabric8.kubernetes.api.model.Event event(String pod, String reason, String message, String at) {
        return new EventBuilder().withNewMetadata().withName(pod + "." + reason).withNamespace("ns").endMetadata()
                .withReason(reason).withMessage(message).withLastTimestamp(at)
                .withNewInvolvedObject().withKind("Pod").withName(pod).endInvolvedObject().build();
    }
}
