package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One node (pod) of the network as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkNodeStatus {
    @JsonPropertyDescription("The pod's name, <organization>-<i>; also the node's id")
    private String name;

    @JsonPropertyDescription("spec.organizations[].name of its organisation")
    private String organization;

    @JsonPropertyDescription("Whether the pod is Ready")
    private boolean ready;

    @JsonPropertyDescription("Restarts of the node container")
    private int restarts;

    @JsonPropertyDescription("The pod's IP address")
    private String podIP;

    @JsonPropertyDescription("The node's stable address, <pod>.<organization>-peers.<namespace>.svc.cluster.local")
    private String address;

    @JsonPropertyDescription("Why the node is not ready or could not be read, if known")
    private String message;

    @JsonPropertyDescription("Per channel: Raft role and height, from the node's /health")
    private List<NodeChannelStatus> channels = new ArrayList<>();

    public NetworkNodeStatus() {}

    public NetworkNodeStatus(String name, String organization) {
        this.name = name;
        this.organization = organization;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public boolean isReady() {
        return ready;
    }

    public void setReady(boolean ready) {
        this.ready = ready;
    }

    public int getRestarts() {
        return restarts;
    }

    public void setRestarts(int restarts) {
        this.restarts = restarts;
    }

    public String getPodIP() {
        return podIP;
    }

    public void setPodIP(String podIP) {
        this.podIP = podIP;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public List<NodeChannelStatus> getChannels() {
        return channels;
    }

    public void setChannels(List<NodeChannelStatus> channels) {
        this.channels = channels == null ? new ArrayList<>() : new ArrayList<>(channels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkNodeStatus s && Objects.equals(name, s.name)
                && Objects.equals(organization, s.organization) && ready == s.ready && restarts == s.restarts
                && Objects.equals(podIP, s.podIP) && Objects.equals(address, s.address)
                && Objects.equals(message, s.message) && Objects.equals(channels, s.channels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, organization, ready, restarts, podIP, address, message, channels);
    }

    @Override
    public String toString() {
        return "NetworkNodeStatus[" + name + ", ready=" + ready + ", restarts=" + restarts + ", " + channels + "]";
    }
}
