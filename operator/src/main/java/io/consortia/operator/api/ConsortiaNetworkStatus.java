package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the operator observed: the generation it acted on, a phase, conditions ({@code Ready},
 * {@code Reconciled}, {@code SecretsAvailable}) with reasons a person can act on, and each node's
 * readiness, restarts, addresses and per-channel Raft role and height (from the node's /health).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsortiaNetworkStatus {
    public static final String READY = "Ready";
    public static final String RECONCILED = "Reconciled";
    public static final String SECRETS_AVAILABLE = "SecretsAvailable";

    @JsonPropertyDescription("The metadata.generation the operator last acted on")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Progressing, Ready or Degraded")
    private Phase phase;

    @JsonPropertyDescription("Ready, Reconciled and SecretsAvailable, with reasons")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Number of member organisations")
    private Integer organizations;

    @JsonPropertyDescription("Ready nodes out of all nodes, e.g. 2/3")
    private String readyNodes;

    @JsonPropertyDescription("Each node's state")
    private List<NetworkNodeStatus> nodes = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }

    public Integer getOrganizations() {
        return organizations;
    }

    public void setOrganizations(Integer organizations) {
        this.organizations = organizations;
    }

    public String getReadyNodes() {
        return readyNodes;
    }

    public void setReadyNodes(String readyNodes) {
        this.readyNodes = readyNodes;
    }

    public List<NetworkNodeStatus> getNodes() {
        return nodes;
    }

    public void setNodes(List<NetworkNodeStatus> nodes) {
        this.nodes = nodes == null ? new ArrayList<>() : new ArrayList<>(nodes);
    }

    /** The condition of that type, or null. */
    public Condition condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsortiaNetworkStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && phase == s.phase && Objects.equals(conditions, s.conditions)
                && Objects.equals(organizations, s.organizations) && Objects.equals(readyNodes, s.readyNodes)
                && Objects.equals(nodes, s.nodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, conditions, organizations, readyNodes, nodes);
    }

    @Override
    public String toString() {
        return "ConsortiaNetworkStatus[" + phase + ", ready " + readyNodes + ", generation " + observedGeneration
                + ", " + conditions + "]";
    }
}
