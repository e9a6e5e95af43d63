package io.consortia.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrdTest {
    private static final String GENERATED = "META-INF/fabric8/" + ConsortiaNetwork.CRD_NAME + "-v1.yml";

    @Test
    void checkedInCrdIsTheOneGeneratedFromTheJavaTypes() throws IOException {
        String generated;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GENERATED)) {
            assertThat(in).as("crd-generator-maven-plugin output " + GENERATED).isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Crds.yaml())
                .as("operator/src/main/resources/" + Crds.RESOURCE + " differs from the generated CRD; copy "
                        + "operator/target/classes/" + GENERATED + " over it")
                .isEqualTo(generated);
    }

    @Test
    void crdIsClusterScopedWithShortNameStatusAndColumns() {
        CustomResourceDefinition crd = Crds.consortiaNetwork();

        assertThat(crd.getMetadata().getName()).isEqualTo("consortianetworks.consortia.io");
        assertThat(crd.getSpec().getGroup()).isEqualTo("consortia.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("ConsortiaNetwork");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("cnet");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
        assertThat(version.getSubresources().getStatus()).as("status subresource").isNotNull();
        assertThat(version.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName,
                CustomResourceColumnDefinition::getJsonPath).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Consortium", ".spec.consortium"),
                org.assertj.core.groups.Tuple.tuple("Organizations", ".status.organizations"),
                org.assertj.core.groups.Tuple.tuple("Ready", ".status.readyNodes"),
                org.assertj.core.groups.Tuple.tuple("Phase", ".status.phase"),
                org.assertj.core.groups.Tuple.tuple("Age", ".metadata.creationTimestamp"));
        var spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        assertThat(spec.getRequired()).contains("consortium", "image", "organizations");
        assertThat(spec.getProperties().get("organizations").getItems().getSchema().getRequired())
                .contains("name", "tlsRootCertificate", "keysSecret", "nodes");
    }
}
