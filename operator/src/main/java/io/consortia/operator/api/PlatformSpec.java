package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The platform's pods, which the network's NetworkPolicies admit beside the network's own nodes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlatformSpec {
    @JsonPropertyDescription("The platform's namespace")
    private String namespace;

    @JsonPropertyDescription("Labels of the platform's pods, e.g. app.kubernetes.io/name: consortia-platform")
    private Map<String, String> podLabels = new LinkedHashMap<>();

    public PlatformSpec() {}

    public PlatformSpec(String namespace, Map<String, String> podLabels) {
        this.namespace = namespace;
        setPodLabels(podLabels);
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Map<String, String> getPodLabels() {
        return podLabels;
    }

    public void setPodLabels(Map<String, String> podLabels) {
        this.podLabels = podLabels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(podLabels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlatformSpec p && Objects.equals(namespace, p.namespace)
                && Objects.equals(podLabels, p.podLabels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, podLabels);
    }

    @Override
    public String toString() {
        return "PlatformSpec[" + namespace + ", " + podLabels + "]";
    }
}
