package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** One node's public certificates; its private keys are in its organisation's keys Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeSpec {
    @Required
    @JsonPropertyDescription("The node's signing certificate (PEM)")
    private String certificate;

    @Required
    @JsonPropertyDescription("The node's TLS certificate (PEM); hosts: its FQDN and short names")
    private String tlsCertificate;

    public NodeSpec() {}

    public NodeSpec(String certificate, String tlsCertificate) {
        this.certificate = certificate;
        this.tlsCertificate = tlsCertificate;
    }

    public String getCertificate() {
        return certificate;
    }

    public void setCertificate(String certificate) {
        this.certificate = certificate;
    }

    public String getTlsCertificate() {
        return tlsCertificate;
    }

    public void setTlsCertificate(String tlsCertificate) {
        this.tlsCertificate = tlsCertificate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSpec s && Objects.equals(certificate, s.certificate)
                && Objects.equals(tlsCertificate, s.tlsCertificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificate, tlsCertificate);
    }

    @Override
    public String toString() {
        return "NodeSpec[certificates]";
    }
}
