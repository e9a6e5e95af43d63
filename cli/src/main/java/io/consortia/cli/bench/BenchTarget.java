package io.consortia.cli.bench;

import io.consortia.crypto.SignatureScheme;
import io.consortia.sdk.Gateway;
import java.util.List;

/** The network under test: started by the benchmark, or one that {@code consortia up} keeps running. */
interface BenchTarget extends AutoCloseable {

    /** One line for the report, e.g. "4 organisations x 1 node, one process per node (testkit)". */
    String description();

    /** "processes", "in-process" or "target". */
    String mode();

    SignatureScheme scheme();

    List<TargetNode> nodes();

    List<String> organizations();

    /** A new gateway to the node, signing as the user of the node's organisation. Closed by {@link #close()}. */
    default Gateway gateway(TargetNode node) {
        return gateway(node, true);
    }

    /** As {@link #gateway(TargetNode)}, naming certificates by id once registered or not (see the SDK). */
    default Gateway gateway(TargetNode node, boolean certificateIds) {
        return gateway(node, certificateIds, Gateway.DEFAULT_SUBMIT_CALLS_IN_FLIGHT);
    }

    /** As {@link #gateway(TargetNode, boolean)}, with the SDK's {@code submitCallsInFlight}. */
    Gateway gateway(TargetNode node, boolean certificateIds, int submitCallsInFlight);

    /**
     * A new gateway to the node signing as an ADMIN identity (OU=admin) of the node's organisation, for
     * deploying contracts through {@code _lifecycle}. Closed by {@link #close()}.
     */
    Gateway adminGateway(TargetNode node);

    /** Stops what the benchmark started and closes every gateway handed out. */
    @Override
    void close();

    /**
     * A node as the benchmark sees it.
     *
     * @param pid the node's operating-system process, or -1 if it runs inside this JVM or was not found
     */
    record TargetNode(String id, String organization, int apiPort, int metricsPort, long pid) {}
}
