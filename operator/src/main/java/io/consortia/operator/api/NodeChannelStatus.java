package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A node's view of one channel, from its /health document. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeChannelStatus {
    @JsonPropertyDescription("The channel's name")
    private String name;

    @JsonPropertyDescription("The node's Raft role in the channel: LEADER, FOLLOWER, CANDIDATE, ...")
    private String role;

    @JsonPropertyDescription("The channel's height on this node")
    private long height;

    public NodeChannelStatus() {}

    public NodeChannelStatus(String name, String role, long height) {
        this.name = name;
        this.role = role;
        this.height = height;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public long getHeight() {
        return height;
    }

    public void setHeight(long height) {
        this.height = height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeChannelStatus s && Objects.equals(name, s.name) && Objects.equals(role, s.role)
                && height == s.height;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, height);
    }

    @Override
    public String toString() {
        return name + ":" + role + "@" + height;
    }
}
