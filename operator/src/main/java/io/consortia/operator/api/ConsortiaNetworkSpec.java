package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the network should be. See docs/kubernetes.md for an example. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsortiaNetworkSpec {
    @Required
    @JsonPropertyDescription("The consortium's display name")
    private String consortium;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("The namespace the operator creates and labels for the nodes (default consortia-<metadata.name>)")
    private String namespace;

    @JsonPropertyDescription("The network's signature scheme (default P256)")
    private SignatureScheme signatureScheme;

    @Required
    @JsonPropertyDescription("The node image, e.g. consortia/node:0.1.0")
    private String image;

    @JsonPropertyDescription("The node image's pull policy (Always, IfNotPresent, Never); Kubernetes' default when absent")
    private String imagePullPolicy;

    @JsonPropertyDescription("Each node's PersistentVolumeClaim (ledger and Raft log)")
    private StorageSpec storage;

    @JsonPropertyDescription("Requests and limits of each node's container")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Where the platform runs: its pods are admitted by the network's NetworkPolicies")
    private PlatformSpec platform;

    @Required
    @JsonPropertyDescription("The member organisations and their nodes")
    private List<OrganizationSpec> organizations = new ArrayList<>();

    @JsonPropertyDescription("The channels the platform created over the nodes' admin API; the operator reports their state")
    private List<ChannelSpec> channels = new ArrayList<>();

    public String getConsortium() {
        return consortium;
    }

    public void setConsortium(String consortium) {
        this.consortium = consortium;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public SignatureScheme getSignatureScheme() {
        return signatureScheme;
    }

    public void setSignatureScheme(SignatureScheme signatureScheme) {
        this.signatureScheme = signatureScheme;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(String imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public PlatformSpec getPlatform() {
        return platform;
    }

    public void setPlatform(PlatformSpec platform) {
        this.platform = platform;
    }

    public List<OrganizationSpec> getOrganizations() {
        return organizations;
    }

    public void setOrganizations(List<OrganizationSpec> organizations) {
        this.organizations = organizations == null ? new ArrayList<>() : organizations;
    }

    public List<ChannelSpec> getChannels() {
        return channels;
    }

    public void setChannels(List<ChannelSpec> channels) {
        this.channels = channels == null ? new ArrayList<>() : channels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsortiaNetworkSpec s && Objects.equals(consortium, s.consortium)
                && Objects.equals(namespace, s.namespace) && signatureScheme == s.signatureScheme
                && Objects.equals(image, s.image) && Objects.equals(imagePullPolicy, s.imagePullPolicy)
                && Objects.equals(storage, s.storage) && Objects.equals(resources, s.resources)
                && Objects.equals(platform, s.platform) && Objects.equals(organizations, s.organizations)
                && Objects.equals(channels, s.channels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(consortium, namespace, signatureScheme, image, imagePullPolicy, storage, resources, platform,
                organizations, channels);
    }

    @Override
    public String toString() {
        return "ConsortiaNetworkSpec[consortium=" + consortium + ", namespace=" + namespace + ", organizations="
                + organizations + ", channels=" + channels + "]";
    }
}
