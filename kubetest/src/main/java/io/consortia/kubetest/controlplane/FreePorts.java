package io.consortia.kubetest.controlplane;

import io.consortia.kubetest.KubeTestException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port on 127.0.0.1 nobody listens on right now. */
public final class FreePorts {
    private FreePorts() {}

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new KubeTestException("no free port on 127.0.0.1", e);
        }
    }
}
