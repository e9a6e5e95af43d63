package io.consortia.operator.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.operator.TestNetworks;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkStatus;
import io.consortia.operator.api.Crds;
import io.consortia.operator.api.Phase;
import io.consortia.operator.desired.DesiredState;
import io.consortia.operator.desired.NetworkObjects;
import io.consortia.operator.desired.PdbVersion;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterTest {
    @TempDir
    Path dir;

    private static ConsortiaNetwork deployed() {
        ConsortiaNetwork network = TestNetworks.network("acme", 2, 3).network();
        // as read back from a cluster: server fields and a status, none of which belong in a manifest
        network.getMetadata().setResourceVersion("4711");
        network.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        ConsortiaNetworkStatus status = new ConsortiaNetworkStatus();
        status.setPhase(Phase.Ready);
        status.setReadyNodes("6/6");
        network.setStatus(status);
        return network;
    }

    @Test
    void filesParseAndEqualTheObjectsTheOperatorApplies() throws IOException {
        ConsortiaNetwork network = deployed();
        Path target = ManifestWriter.write(network, PdbVersion.POLICY_V1, dir);

        assertThat(target).isEqualTo(dir.resolve("acme"));
        List<String> names;
        try (Stream<Path> files = Files.list(target)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(names).containsExactly("00-crd.yaml", "01-consortianetwork.yaml", "02-namespace.yaml",
                "10-org1-1-configmap.yaml", "10-org1-2-peers-service.yaml", "10-org1-3-service.yaml",
                "10-org1-4-statefulset.yaml", "10-org1-5-poddisruptionbudget.yaml", "10-org1-6-networkpolicy.yaml",
                "11-org2-1-configmap.yaml", "11-org2-2-peers-service.yaml", "11-org2-3-service.yaml",
                "11-org2-4-statefulset.yaml", "11-org2-5-poddisruptionbudget.yaml", "11-org2-6-networkpolicy.yaml");

        DesiredState desired = NetworkObjects.build(network, PdbVersion.POLICY_V1);
        // compared as JSON trees: a parsed model has empty lists where a built one has null
        List<JsonNode> expected = new ArrayList<>();
        for (HasMetadata object : desired.objects()) {
            HasMetadata copy = Serialization.clone(object);
            assertThat(copy.getMetadata().getOwnerReferences()).isNotEmpty();
            copy.getMetadata().setOwnerReferences(null);
            expected.add(Serialization.jsonMapper().valueToTree(copy));
        }
        List<JsonNode> written = new ArrayList<>();
        for (String name : names.subList(2, names.size())) {
            HasMetadata parsed = Serialization.unmarshal(Files.readString(target.resolve(name)));
            assertThat(parsed.getClass()).isEqualTo(desired.objects().get(written.size()).getClass());
            written.add(Serialization.jsonMapper().valueToTree(parsed));
        }
        assertThat(written).containsExactlyElementsOf(expected);

        assertThat(Serialization.unmarshal(Files.readString(target.resolve("00-crd.yaml")), CustomResourceDefinition.class))
                .isEqualTo(Crds.consortiaNetwork());
        ConsortiaNetwork resource = Serialization.unmarshal(Files.readString(target.resolve("01-consortianetwork.yaml")),
                ConsortiaNetwork.class);
        assertThat(resource.getSpec()).isEqualTo(network.getSpec());
        assertThat(resource.getStatus()).isNull();
        assertThat(resource.getMetadata().getUid()).isNull();
        assertThat(resource.getMetadata().getResourceVersion()).isNull();
        assertThat(resource.getMetadata().getGeneration()).isNull();
        for (String name : names) {
            String text = Files.readString(target.resolve(name));
            assertThat(text).as(name).doesNotContain("PRIVATE KEY").doesNotContain("resourceVersion")
                    .doesNotContain("ownerReferences").doesNotContain("uid:").doesNotContain("status:\n  phase");
        }
    }

    @Test
    void writingAgainGivesTheSameBytesAndRemovesFilesOfARemovedOrganisation() throws IOException {
        ConsortiaNetwork network = deployed();
        Path target = ManifestWriter.write(network, PdbVersion.POLICY_V1BETA1, dir);
        Map<String, String> first = read(target);

        ManifestWriter.write(deployed(), PdbVersion.POLICY_V1BETA1, dir);
        // same network, same bytes (certificates differ between deployed() calls, so compare the structure)
        assertThat(read(target).keySet()).isEqualTo(first.keySet());
        ManifestWriter.write(network, PdbVersion.POLICY_V1BETA1, dir);
        assertThat(read(target)).isEqualTo(first);
        assertThat(first.get("10-org1-5-poddisruptionbudget.yaml")).contains("apiVersion: \"policy/v1beta1\"");

        network.getSpec().getOrganizations().remove(1);
        network.getSpec().getChannels().get(0).getOrganizations().remove("org2");
        ManifestWriter.write(network, PdbVersion.POLICY_V1BETA1, dir);
        assertThat(read(target).keySet()).noneMatch(name -> name.contains("org2")).hasSize(9);
    }

    private static Map<String, String> read(Path target) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(target)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return files;
    }
}
