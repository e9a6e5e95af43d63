package io.consortia.operator.desired;

import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import io.consortia.operator.OperatorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pod's node.yaml, written by the node's own writer so the file is one the node reads. The
 * standard layout's relative file names become absolute paths inside the container: public files
 * in the ConfigMap at {@value Names#CONFIG_DIR}, private keys in the Secret at
 * {@value Names#KEYS_DIR}, the ledgers on the volume at {@value Names#DATA_DIR}.
 */
public final class NodeYaml {
    private NodeYaml() {}

    public static NodeConfig config(String namespace, String organization, int index, String nodeOrganization) {
        String pod = Names.pod(organization, index);
        String host = Names.fqdn(namespace, organization, index);
        NodeConfig standard = NodeConfig.standardLayout(pod, nodeOrganization, host, Names.API_PORT, Names.RAFT_PORT,
                Names.METRICS_PORT);
        Path config = Path.of(Names.CONFIG_DIR);
        Path keys = Path.of(Names.KEYS_DIR);
        return new NodeConfig(standard.nodeId(), standard.organization(), Path.of(Names.DATA_DIR),
                new NodeConfig.Identity(config.resolve(Names.signingCertificateKey(pod)),
                        keys.resolve(Names.signingKeyKey(pod))),
                new NodeConfig.Tls(true, config.resolve(Names.tlsCertificateKey(pod)), keys.resolve(Names.tlsKeyKey(pod)),
                        config.resolve(Names.TLS_ROOTS)),
                standard.api(), standard.raft(), standard.metrics(), standard.batching(), standard.limits());
    }

    /** The YAML text of the configuration, as {@link NodeConfigLoader#write} writes it. */
    public static String write(NodeConfig config) {
        Path file = null;
        try {
            file = Files.createTempFile("node-", ".yaml");
            NodeConfigLoader.write(config, file);
            return Files.readString(file);
        } catch (IOException e) {
            throw new OperatorException("cannot write node.yaml of " + config.nodeId(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind holds no secret: node.yaml names key files, not keys
                }
            }
        }
    }
}
