package io.consortia.platform.deploy;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * What other subsystems (backups) need of the deployment machinery: run an operation on a
 * consortium's network as a deployment — one at a time per consortium, its steps recorded in
 * the consortium's history — and stop, start and wait for single nodes as steps of it.
 */
@Component
public class NodeLifecycle {
    private final DeploymentService deployments;
    private final NodeOperations operations;
    private final NodeRepository nodes;
    private final ConsortiumService consortia;

    NodeLifecycle(DeploymentService deployments, NodeOperations operations, NodeRepository nodes,
            ConsortiumService consortia) {
        this.deployments = deployments;
        this.operations = operations;
        this.nodes = nodes;
        this.consortia = consortia;
    }

    /** The steps an operation may take. */
    public interface Steps extends DeploymentSteps {
        void stop(NodeRecord node);

        void start(NodeRecord node);

        void awaitServing(NodeRecord node);
    }

    /**
     * Records a deployment named {@code action} and runs {@code work} in the background; the
     * consortium's status stays as it is. 409 while another deployment of the consortium runs.
     */
    public Deployment run(Caller caller, long consortiumId, String action, Consumer<Steps> work) {
        return deployments.launch(caller, consortiumId, action, null, progress -> {
            work.accept(new Steps() {
                @Override
                public <T> T step(String name, String nodeId, java.util.function.Supplier<T> body) {
                    return progress.step(name, nodeId, body);
                }

                @Override
                public void stop(NodeRecord node) {
                    operations.stop(progress, node);
                }

                @Override
                public void start(NodeRecord node) {
                    operations.start(progress, nodes.get(node.id()));
                }

                @Override
                public void awaitServing(NodeRecord node) {
                    operations.awaitServing(progress, nodes.get(node.id()));
                }
            });
            return consortia.get(consortiumId).status();
        });
    }

    public NodeRecord node(String nodeId) {
        return nodes.byNodeId(nodeId).orElseThrow(() -> PlatformException.notFound("Node", nodeId));
    }

    public List<NodeRecord> nodes(long consortiumId) {
        return nodes.ofConsortium(consortiumId);
    }

    /** The node's block height per channel, as it reports it now (empty when it does not answer). */
    public Map<String, Long> heights(NodeRecord node) {
        try {
            return operations.deployers().of(node).heights(node);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * The node's configuration file, when its files are on this machine (the local target);
     * empty for nodes a cluster runs.
     */
    public java.util.Optional<Path> localConfig(NodeRecord node) {
        if (operations.deployers().of(node) instanceof NetworkDeployer) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(node.directory()).resolve("node.yaml")); // as local.NodeFiles writes it
    }
}
