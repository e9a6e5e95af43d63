package io.consortia.testkit;

/**
 * Runs one node, either as a separate JVM (realistic: a kill is a real SIGKILL) or inside
 * the test JVM (fast to start, easy to debug). A runner can be started again after it stopped.
 */
interface NodeRunner {
    /** Starts the node; returns once it was launched, not when it serves. */
    void start();

    boolean isRunning();

    /** Stops at once: SIGKILL for a process, {@code close()} for an in-process node. */
    void kill();

    /** Stops gracefully: SIGTERM (the node closes its storage), then SIGKILL after a grace period. */
    void stop();

    /**
     * The node serves and its channel has a leader: if its process was started to record the
     * class data archive on request, record it now (see SharedClassArchive).
     */
    default void recordClassArchive() {}

    /**
     * The network is closing: stops at once, like {@link #kill()}, unless a graceful stop does
     * something worth waiting for (a node process recording the class data archive writes it
     * when it exits normally).
     */
    default void dispose() {
        kill();
    }

    /**
     * Freezes ({@code true}: SIGSTOP) or thaws ({@code false}: SIGCONT) the node's process, as a
     * long GC pause or a hung machine would: its sockets stay open, it answers nothing.
     *
     * @throws UnsupportedOperationException for a node inside the test JVM
     */
    default void pause(boolean frozen) {
        throw new UnsupportedOperationException("only a node process can be paused; start the network with processes(true)");
    }

    /** Fails with a helpful message if the node died on its own; a no-op while it runs. */
    void checkAlive();
}
