package io.consortia.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out free TCP ports on 127.0.0.1 for nodes started later: binds port 0, lets the OS
 * pick, and releases it. A port is never handed out twice by this JVM, so networks started
 * side by side cannot collide with each other; another process may still grab a port in the
 * moment between release and the node binding it, which on loopback is rare enough for tests.
 */
public final class PortAllocator {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 100;

    private PortAllocator() {}

    /** A port that was free a moment ago and was not handed out before in this JVM. */
    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No unused free port found after " + ATTEMPTS + " attempts");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind a port on loopback", e);
        }
    }
}
