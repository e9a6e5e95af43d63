package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A member organisation: its StatefulSet {@code <name>} runs one pod per entry of
 * {@link #getNodes()}, pod {@code <name>-<i>} for entry i. Only public material here; the nodes'
 * private keys are in the Secret {@link #getKeysSecret()} (keys {@code <pod>-node.key} and
 * {@code <pod>-tls.key}), which the platform writes into the network's namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OrganizationSpec {
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$")
    @JsonPropertyDescription("DNS label naming the organisation's StatefulSet and Services; pods are <name>-0, <name>-1, ...")
    private String name;

    @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")
    @JsonPropertyDescription("The organisation name the nodes use (node.yaml organization, the O= of its certificates); default: name")
    private String displayName;

    @JsonPropertyDescription("The organisation's signing root certificate (PEM)")
    private String rootCertificate;

    @Required
    @JsonPropertyDescription("The organisation's TLS root certificate (PEM); every node of the network trusts it")
    private String tlsRootCertificate;

    @Required
    @JsonPropertyDescription("Secret in the network's namespace with keys <pod>-node.key and <pod>-tls.key (PEM private keys)")
    private String keysSecret;

    @Required
    @JsonPropertyDescription("The organisation's nodes; entry i is pod <name>-<i>")
    private List<NodeSpec> nodes = new ArrayList<>();

    public OrganizationSpec() {}

    public OrganizationSpec(String name, String displayName, String rootCertificate, String tlsRootCertificate,
            String keysSecret, List<NodeSpec> nodes) {
        this.name = name;
        this.displayName = displayName;
        this.rootCertificate = rootCertificate;
        this.tlsRootCertificate = tlsRootCertificate;
        this.keysSecret = keysSecret;
        setNodes(nodes);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getRootCertificate() {
        return rootCertificate;
    }

    public void setRootCertificate(String rootCertificate) {
        this.rootCertificate = rootCertificate;
    }

    public String getTlsRootCertificate() {
        return tlsRootCertificate;
    }

    public void setTlsRootCertificate(String tlsRootCertificate) {
        this.tlsRootCertificate = tlsRootCertificate;
    }

    public String getKeysSecret() {
        return keysSecret;
    }

    public void setKeysSecret(String keysSecret) {
        this.keysSecret = keysSecret;
    }

    public List<NodeSpec> getNodes() {
        return nodes;
    }

    public void setNodes(List<NodeSpec> nodes) {
        this.nodes = nodes == null ? new ArrayList<>() : new ArrayList<>(nodes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrganizationSpec s && Objects.equals(name, s.name)
                && Objects.equals(displayName, s.displayName) && Objects.equals(rootCertificate, s.rootCertificate)
                && Objects.equals(tlsRootCertificate, s.tlsRootCertificate) && Objects.equals(keysSecret, s.keysSecret)
                && Objects.equals(nodes, s.nodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, displayName, rootCertificate, tlsRootCertificate, keysSecret, nodes);
    }

    @Override
    public String toString() {
        return "OrganizationSpec[" + name + ", nodes=" + nodes.size() + ", keysSecret=" + keysSecret + "]";
    }
}
