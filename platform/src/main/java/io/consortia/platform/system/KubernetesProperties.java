package io.consortia.platform.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deployment target {@code KUBERNETES}, prefix {@code consortia.kubernetes}. Off by default: the
 * console then offers only {@code LOCAL}, and a consortium asking for {@code KUBERNETES} is
 * refused with 400 naming {@link #ENABLED}. See docs/kubernetes.md.
 *
 * @param enabled offer the target and connect to a cluster
 * @param kubeconfig a kubeconfig file to connect with; empty = the pod's in-cluster service
 *        account (or fabric8's usual discovery: {@code KUBECONFIG}, {@code ~/.kube/config})
 * @param namespacePrefix each consortium's namespace is this prefix + its network's name
 * @param nodeImage the node image every node container runs
 * @param imagePullPolicy the containers' pull policy; empty = Kubernetes' default
 * @param storageClass StorageClass of the nodes' volumes (ledger and Raft log); empty = the
 *        cluster's default class
 * @param storageSize size of each node's volume
 * @param resources requests and limits of each node container
 * @param platform where the platform's own pods run, so that the networks' NetworkPolicies admit them
 * @param readyTimeout how long a deployment waits for the operator and every pod to be ready
 * @param operator whether this platform runs the operator itself
 */
@ConfigurationProperties("consortia.kubernetes")
public record KubernetesProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String kubeconfig,
        @DefaultValue("consortia-") String namespacePrefix,
        @DefaultValue("consortia/node:0.1.0") String nodeImage,
        @DefaultValue("") String imagePullPolicy,
        @DefaultValue("") String storageClass,
        @DefaultValue("1Gi") String storageSize,
        @DefaultValue Resources resources,
        @DefaultValue Platform platform,
        @DefaultValue("10m") Duration readyTimeout,
        @DefaultValue Operator operator) {

    /** The setting a person turns on to offer the target; named in the refusal when it is off. */
    public static final String ENABLED = "consortia.kubernetes.enabled";

    public KubernetesProperties {
        if (!namespacePrefix.isEmpty() && !namespacePrefix.matches("[a-z0-9]([a-z0-9-]{0,19})")) {
            throw new IllegalArgumentException("consortia.kubernetes.namespace-prefix must be up to 20 of a-z, 0-9 "
                    + "and '-', starting with a letter or digit; was '" + namespacePrefix + "'");
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("consortia.kubernetes.ready-timeout must be positive");
        }
        requireQuantity("storage-size", storageSize, false);
        if (!imagePullPolicy.isEmpty() && !List.of("Always", "IfNotPresent", "Never").contains(imagePullPolicy)) {
            throw new IllegalArgumentException("consortia.kubernetes.image-pull-policy must be Always, IfNotPresent or "
                    + "Never (or empty for Kubernetes' default); was '" + imagePullPolicy + "'");
        }
    }

    /**
     * A quantity in Kubernetes' syntax, checked when the platform starts: a typo ({@code cpu-request=lots}) was
     * accepted, and every deployment then waited its whole ready-timeout for pods the cluster had refused.
     */
    static void requireQuantity(String setting, String value, boolean emptyAllowed) {
        if (value.isEmpty() ? !emptyAllowed : !QUANTITY.matcher(value).matches()) {
            throw new IllegalArgumentException("consortia.kubernetes." + setting + " must be a Kubernetes quantity such "
                    + "as 250m, 0.5, 512Mi or 1Gi" + (emptyAllowed ? " (or empty)" : "") + "; was '" + value + "'");
        }
    }

    private static final java.util.regex.Pattern QUANTITY = java.util.regex.Pattern.compile(
            "([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?");

    /** Off, with every default: what a platform without this configuration has. */
    public static KubernetesProperties disabled() {
        return new KubernetesProperties(false, "", "consortia-", "consortia/node:0.1.0", "", "", "1Gi",
                new Resources("250m", "384Mi", "", "1Gi"), new Platform("consortia", Map.of()), Duration.ofMinutes(10),
                new Operator(false));
    }

    /** Quantities as Kubernetes writes them ({@code 250m}, {@code 512Mi}); empty = not set. */
    public record Resources(
            @DefaultValue("250m") String cpuRequest,
            @DefaultValue("384Mi") String memoryRequest,
            @DefaultValue("") String cpuLimit,
            @DefaultValue("1Gi") String memoryLimit) {
        public Resources {
            requireQuantity("resources.cpu-request", cpuRequest, true);
            requireQuantity("resources.memory-request", memoryRequest, true);
            requireQuantity("resources.cpu-limit", cpuLimit, true);
            requireQuantity("resources.memory-limit", memoryLimit, true);
        }
    }

    /**
     * @param namespace the platform's namespace
     * @param podLabels labels of the platform's pods; empty = {@code app.kubernetes.io/name: consortia-platform}
     */
    public record Platform(@DefaultValue("consortia") String namespace, Map<String, String> podLabels) {
        public Platform {
            podLabels = podLabels == null || podLabels.isEmpty()
                    ? Map.of("app.kubernetes.io/name", "consortia-platform") : Map.copyOf(podLabels);
        }
    }

    /** @param enabled run the Consortia operator inside this platform (one replica; else run its Deployment) */
    public record Operator(@DefaultValue("false") boolean enabled) {}
}
