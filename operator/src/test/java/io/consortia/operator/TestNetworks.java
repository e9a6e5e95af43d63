package io.consortia.operator;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.operator.api.ChannelSpec;
import io.consortia.operator.api.ConsortiaNetwork;
import io.consortia.operator.api.ConsortiaNetworkSpec;
import io.consortia.operator.api.NodeSpec;
import io.consortia.operator.api.OrganizationSpec;
import io.consortia.operator.api.PlatformSpec;
import io.consortia.operator.api.StorageSpec;
import io.consortia.operator.desired.Names;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Networks with real certificates from the project's CA, and the keys Secrets the platform would
 * write for them (tests need those to check that no private key leaks outside a Secret).
 */
public final class TestNetworks {
    private static final Duration VALIDITY = Duration.ofDays(30);

    /** A network and its organisations' keys Secrets. */
    public record Fixture(ConsortiaNetwork network, List<Secret> secrets) {}

    private TestNetworks() {}

    public static Fixture network(String name, int organizations, int nodesPerOrganization) {
        ConsortiaNetwork network = new ConsortiaNetwork();
        network.setMetadata(new ObjectMetaBuilder().withName(name).withUid(UUID.randomUUID().toString())
                .withGeneration(1L).build());
        ConsortiaNetworkSpec spec = new ConsortiaNetworkSpec();
        spec.setConsortium("Acme Trade");
        spec.setSignatureScheme(io.consortia.operator.api.SignatureScheme.P256);
        spec.setImage("consortia/node:0.1.0");
        spec.setStorage(new StorageSpec("consortia-test", "2Gi"));
        spec.setResources(new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi")))
                .withLimits(Map.of("memory", new Quantity("1Gi"))).build());
        spec.setPlatform(new PlatformSpec("consortia", Map.of("app.kubernetes.io/name", "consortia-platform")));
        String namespace = "consortia-" + name;
        List<Secret> secrets = new ArrayList<>();
        List<String> orgNames = new ArrayList<>();
        for (int o = 1; o <= organizations; o++) {
            String org = "org" + o;
            orgNames.add(org);
            CertificateAuthority ca = CertificateAuthority.create("Org" + o, SignatureScheme.ECDSA_P256_SHA256, VALIDITY);
            List<NodeSpec> nodes = new ArrayList<>();
            Map<String, String> keys = new LinkedHashMap<>();
            for (int i = 0; i < nodesPerOrganization; i++) {
                String pod = Names.pod(org, i);
                IssuedCredential signing = ca.issue(CertificateRole.NODE, pod, VALIDITY);
                IssuedCredential tls = ca.issueTls(pod,
                        List.of(Names.fqdn(namespace, org, i), pod + "." + Names.peersService(org), pod), VALIDITY);
                nodes.add(new NodeSpec(Pem.write(signing.certificate()), Pem.write(tls.certificate())));
                keys.put(Names.signingKeyKey(pod), Pem.write(signing.privateKey()));
                keys.put(Names.tlsKeyKey(pod), Pem.write(tls.privateKey()));
            }
            spec.getOrganizations().add(new OrganizationSpec(org, "Org" + o, Pem.write(ca.root()), Pem.write(ca.tlsRoot()),
                    org + "-keys", nodes));
            secrets.add(new SecretBuilder().withNewMetadata().withName(org + "-keys").withNamespace(namespace)
                    .endMetadata().withStringData(keys).build());
        }
        spec.getChannels().add(new ChannelSpec("trade", orgNames));
        network.setSpec(spec);
        return new Fixture(network, secrets);
    }
}
