package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A channel as the platform recorded it after creating it over the nodes' admin API. The operator
 * does not create channels; it reports each member node's role and height in the status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChannelSpec {
    @Required
    @JsonPropertyDescription("The channel's name")
    private String name;

    @JsonPropertyDescription("Names (spec.organizations[].name) of the member organisations")
    private List<String> organizations = new ArrayList<>();

    public ChannelSpec() {}

    public ChannelSpec(String name, List<String> organizations) {
        this.name = name;
        setOrganizations(organizations);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getOrganizations() {
        return organizations;
    }

    public void setOrganizations(List<String> organizations) {
        this.organizations = organizations == null ? new ArrayList<>() : new ArrayList<>(organizations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelSpec s && Objects.equals(name, s.name) && Objects.equals(organizations, s.organizations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, organizations);
    }

    @Override
    public String toString() {
        return "ChannelSpec[" + name + ", " + organizations + "]";
    }
}
