package io.consortia.operator;

import io.consortia.common.Poll;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.Crds;
import io.consortia.operator.desired.PdbVersion;
import io.consortia.operator.reconcile.ConsortiaNetworkReconciler;
import io.consortia.operator.reconcile.EventRecorder;
import io.consortia.operator.reconcile.KubernetesEventRecorder;
import io.consortia.operator.reconcile.NetworkReconciler;
import io.consortia.operator.reconcile.OperatorMetrics;
import io.consortia.operator.reconcile.PdbVersions;
import io.consortia.operator.status.HttpNodeHealthReader;
import io.consortia.operator.status.NodeHealthReader;
import io.consortia.operator.status.NodeStatusCollector;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator, started on a given client: embedded in the platform, or by {@link OperatorMain}
 * as its own Deployment. The client stays the caller's (it is not closed on {@link #close()}).
 */
public final class ConsortiaOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsortiaOperator.class);

    /**
     * @param resync       how often a network is reconciled without any event, so its status follows the nodes
     * @param healthTimeout how long to wait for a node's /health
     * @param pdbVersion   the PodDisruptionBudget API; null asks the API server
     * @param health       reads nodes' /health; null for HTTP with healthTimeout
     * @param registry     where the metrics go; null for a private registry
     */
    public record Settings(Duration resync, Duration healthTimeout, PdbVersion pdbVersion, NodeHealthReader health,
            PrometheusRegistry registry) {
        public Settings {
            resync = resync == null ? Duration.ofSeconds(30) : resync;
            healthTimeout = healthTimeout == null ? Duration.ofSeconds(2) : healthTimeout;
            registry = registry == null ? new PrometheusRegistry() : registry;
            health = health == null ? new HttpNodeHealthReader(healthTimeout) : health;
        }

        public static Settings defaults() {
            return new Settings(null, null, null, null, null);
        }

        public Settings withHealth(NodeHealthReader reader) {
            return new Settings(resync, healthTimeout, pdbVersion, reader, registry);
        }

        public Settings withResync(Duration interval) {
            return new Settings(interval, healthTimeout, pdbVersion, health, registry);
        }

        public Settings withPdbVersion(PdbVersion version) {
            return new Settings(resync, healthTimeout, version, health, registry);
        }
    }

    private final Operator operator;
    private final ExecutorService healthReads;
    private final OperatorMetrics metrics;

    private ConsortiaOperator(Operator operator, ExecutorService healthReads, OperatorMetrics metrics) {
        this.operator = operator;
        this.healthReads = healthReads;
        this.metrics = metrics;
    }

    /** Starts watching ConsortiaNetworks; the CRD must be installed ({@link #installCrd}). */
    public static ConsortiaOperator start(KubernetesClient client, Settings settings) {
        PdbVersion pdb = settings.pdbVersion() != null ? settings.pdbVersion() : PdbVersions.detect(client);
        ExecutorService healthReads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "consortia-operator-health");
            t.setDaemon(true);
            return t;
        });
        OperatorMetrics metrics = new OperatorMetrics(settings.registry());
        EventRecorder events = new KubernetesEventRecorder(client);
        NetworkReconciler core = new NetworkReconciler(client, () -> pdb,
                new NodeStatusCollector(client, settings.health(), healthReads), events, metrics, Clock.systemUTC());
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                // the reconciler writes the status itself (StatusWriter); server-side apply of a CR's
                // status would need the status schema's list types, and the fabric8 mock server does not speak it
                .withUseSSAToPatchPrimaryResource(false)
                .withStopOnInformerErrorDuringStartup(true));
        operator.register(new ConsortiaNetworkReconciler(core, client, pdb, settings.resync()),
                c -> c.withReconciliationMaxInterval(settings.resync()).withName("consortianetwork"));
        operator.start();
        LOG.info("Consortia operator started (PodDisruptionBudget {}, resync {})", pdb, settings.resync());
        return new ConsortiaOperator(operator, healthReads, metrics);
    }

    /**
     * Creates the ConsortiaNetwork CRD, or updates it to this version's schema, then waits until
     * it is established. Under the Helm chart the CRD is the installer's (the chart ships it in
     * {@code crds/}) and the platform's role may only read it: a refused update is then logged
     * and the installed CRD used, since refusing to start would leave every network unreconciled.
     */
    public static void installCrd(KubernetesClient client) {
        CustomResourceDefinition crd = Crds.consortiaNetwork();
        var definitions = client.apiextensions().v1().customResourceDefinitions();
        CustomResourceDefinition existing = definitions.withName(ConsortiaNetwork.CRD_NAME).get();
        try {
            if (existing == null) {
                definitions.resource(crd).create();
            } else if (!existing.getSpec().equals(crd.getSpec())) {
                crd.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                definitions.resource(crd).update();
            }
        } catch (KubernetesClientException e) {
            if (existing == null || e.getCode() != 403) {
                throw e;
            }
            LOG.warn("The ConsortiaNetwork CRD differs from this operator's but this service account may not "
                    + "update it; using the installed one (install deploy/helm/consortia/crds to update it)");
        }
        // polled with get, not watched: the chart's role may read this one CRD by name, not watch CRDs
        Poll.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
            CustomResourceDefinition c = definitions.withName(ConsortiaNetwork.CRD_NAME).get();
            return c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream().anyMatch(
                            cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus()))
                    ? Boolean.TRUE : null;
        }).orElseThrow(() -> new OperatorException("the ConsortiaNetwork CRD was not established within 60 s"));
    }

    /** Started, and every informer is watching. */
    public boolean isHealthy() {
        return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    public OperatorMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        operator.stop();
        healthReads.shutdownNow();
    }
}
