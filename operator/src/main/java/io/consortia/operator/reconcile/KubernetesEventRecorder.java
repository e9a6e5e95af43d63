package io.consortia.operator.reconcile;

import io.consortia.operator.api.ConsortiaNetwork;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events (what {@code kubectl describe cnet <name>} shows). The network is cluster-scoped,
 * so its events live in the {@code default} namespace, as Kubernetes does for Nodes. A failure to
 * record is logged, never fatal.
 */
public final class KubernetesEventRecorder implements EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
    static final String EVENT_NAMESPACE = "default";
    static final String COMPONENT = "consortia-operator";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final KubernetesClient client;

    public KubernetesEventRecorder(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void record(ConsortiaNetwork network, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String name = network.getMetadata().getName() + "." + Long.toHexString(System.currentTimeMillis())
                + Long.toHexString(SEQUENCE.incrementAndGet());
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(EVENT_NAMESPACE).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(network.getApiVersion()).withKind(network.getKind())
                        .withName(network.getMetadata().getName()).withUid(network.getMetadata().getUid())
                        .withResourceVersion(network.getMetadata().getResourceVersion()).build())
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(EVENT_NAMESPACE).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot record event {} on ConsortiaNetwork {}: {}", reason, network.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
