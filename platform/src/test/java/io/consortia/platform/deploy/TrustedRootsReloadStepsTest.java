package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.custody.CustodyService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Applying REMOVE_MEMBER rewrites every remaining node's tls-roots.pem; a running node read it
 * only at its next start, so one that never shared a channel with the removed organisation kept
 * accepting its certificates. Where the target rewrote the file, the platform now has each
 * running node reload it and says per node what it trusts now; a node that fails does not keep
 * the others from reloading, and the operation then fails naming it.
 */
class TrustedRootsReloadStepsTest {
    private final NodeRepository nodes = mock(NodeRepository.class);
    private final Deployer deployer = mock(Deployer.class);
    private final CredentialReloads reloads = mock(CredentialReloads.class);
    private final Steps steps = new Steps();
    private final DeploymentService deployments;

    @SuppressWarnings("unchecked")
    TrustedRootsReloadStepsTest() {
        Deployers deployers = mock(Deployers.class);
        when(deployers.of(any())).thenReturn(deployer);
        when(deployer.replaceTrustedRoots(any(), any())).thenReturn("tls-roots.pem lists 2 roots");
        CustodyService custody = mock(CustodyService.class);
        when(custody.tlsRoots(anyLong())).thenReturn(List.of());
        ObjectProvider<CredentialReloads> provider = mock(ObjectProvider.class);
        when(provider.getObject()).thenReturn(reloads);
        NodeOperations operations = new NodeOperations(deployers, nodes, custody, null, mock(ObjectProvider.class),
                provider);
        deployments = new DeploymentService(null, nodes, operations, null, null, null, null);
    }

    @Test
    void every_running_node_reloads_the_rewritten_roots_and_a_failure_is_named_after_all_were_asked() {
        NodeRecord running = node(1, "c1-org1-0");
        NodeRecord stopped = node(2, "c1-org2-0");
        NodeRecord refusing = node(3, "c1-org2-1");
        NodeRecord last = node(4, "c1-org2-2");
        when(nodes.ofConsortium(1)).thenReturn(List.of(running, stopped, refusing, last));
        when(deployer.replacesTrustedRoots()).thenReturn(true);
        when(deployer.isServing(any())).thenAnswer(call -> call.getArgument(0) != stopped);
        when(reloads.reload(any())).thenAnswer(call -> {
            if (call.getArgument(0) == refusing) {
                throw new IllegalStateException("UNAVAILABLE: io exception");
            }
            return "the node now trusts 2 TLS roots";
        });

        assertThatThrownBy(() -> deployments.replaceTrustedRoots(steps, 1))
                .hasMessageContaining("[c1-org2-1]").hasMessageContaining("may still accept");

        assertThat(steps.recorded).containsExactly(
                "Rewrite the trusted TLS roots of c1-org1-0: tls-roots.pem lists 2 roots",
                "Reload the trusted TLS roots on c1-org1-0: the node now trusts 2 TLS roots",
                "Rewrite the trusted TLS roots of c1-org2-0: tls-roots.pem lists 2 roots",
                "Reload the trusted TLS roots on c1-org2-0: not running: it reads them when it starts",
                "Rewrite the trusted TLS roots of c1-org2-1: tls-roots.pem lists 2 roots",
                "Reload the trusted TLS roots on c1-org2-1 FAILED: UNAVAILABLE: io exception",
                "Rewrite the trusted TLS roots of c1-org2-2: tls-roots.pem lists 2 roots",
                "Reload the trusted TLS roots on c1-org2-2: the node now trusts 2 TLS roots",
                "Trusted TLS roots in force on every node FAILED: Nodes [c1-org2-1] may still accept the removed"
                        + " organisation's TLS certificates: their trusted roots were not rewritten or reloaded (see"
                        + " their steps); restart them, or apply the proposal again");
        verify(reloads, never()).reload(stopped);
    }

    @Test
    void a_target_that_does_not_rewrite_the_file_asks_no_node_to_reload() {
        when(nodes.ofConsortium(1)).thenReturn(List.of(node(1, "c1-org1-0")));
        when(deployer.replaceTrustedRoots(any(), any())).thenReturn("not rewritten on KUBERNETES");
        when(deployer.isServing(any())).thenReturn(true);

        deployments.replaceTrustedRoots(steps, 1);

        assertThat(steps.recorded).containsExactly("Rewrite the trusted TLS roots of c1-org1-0: not rewritten on KUBERNETES");
        verify(reloads, never()).reload(any());
    }

    private static NodeRecord node(long id, String nodeId) {
        return new NodeRecord(id, nodeId, 1, 1, "127.0.0.1", 1, 2, 3, "/tmp/" + nodeId, "RUNNING", NodeStatus.RUNNING,
                null, 0, null, 0);
    }

    /** Records each step as "name: detail" or "name FAILED: message", and rethrows as the real ones do. */
    private static final class Steps implements DeploymentSteps {
        final List<String> recorded = new ArrayList<>();

        @Override
        public <T> T step(String name, String nodeId, Supplier<T> work) {
            try {
                T result = work.get();
                recorded.add(name + ": " + result);
                return result;
            } catch (RuntimeException e) {
                recorded.add(name + " FAILED: " + e.getMessage());
                throw e;
            }
        }
    }
}
