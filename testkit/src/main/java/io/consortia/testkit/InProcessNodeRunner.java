package io.consortia.testkit;

import io.consortia.node.Node;
import io.consortia.node.config.NodeConfigLoader;

/**
 * A node inside the test JVM, started from the same node.yaml a process would read, so both
 * modes exercise the same configuration. Its logs go to the test's logging, not node.log.
 */
final class InProcessNodeRunner implements NodeRunner {
    private final NodeLayout layout;
    private Node node;

    InProcessNodeRunner(NodeLayout layout) {
        this.layout = layout;
    }

    @Override
    public synchronized void start() {
        if (node != null) {
            throw new IllegalStateException(layout.nodeId() + " is already running");
        }
        node = Node.start(NodeConfigLoader.load(layout.configFile()));
    }

    @Override
    public synchronized boolean isRunning() {
        return node != null;
    }

    /** An in-process node cannot be killed abruptly; closing it is the closest there is. */
    @Override
    public void kill() {
        stop();
    }

    @Override
    public synchronized void stop() {
        if (node != null) {
            try {
                node.close();
            } finally {
                node = null;
            }
        }
    }

    @Override
    public void checkAlive() {
        // an in-process node cannot die without the test JVM noticing: start() throws
    }
}
