package io.consortia.platform.deploy.local;

import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.PlatformProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands out ports from {@code consortia.node.port-range-start..end}: a port is taken when no
 * node holds it (table {@code allocated_ports}) and it can be bound right now, so nodes never
 * collide with each other nor with what else runs on the machine.
 */
@Component
class PortAllocator {
    private final JdbcClient jdbc;
    private final int first;
    private final int last;
    private int cursor;

    PortAllocator(JdbcClient jdbc, PlatformProperties properties) {
        this.jdbc = jdbc;
        this.first = properties.node().portRangeStart();
        this.last = properties.node().portRangeEnd();
        if (first < 1024 || last > 65535 || last < first + 2) {
            throw new IllegalArgumentException("consortia.node.port-range-start/end must span at least 3 ports in "
                    + "1024..65535; got " + first + ".." + last);
        }
        this.cursor = first;
    }

    synchronized List<Integer> allocate(String nodeId, int count) {
        Set<Integer> taken = new HashSet<>(jdbc.sql("select port from allocated_ports").query(Integer.class).list());
        List<Integer> ports = new ArrayList<>();
        int span = last - first + 1;
        for (int tried = 0; tried < span && ports.size() < count; tried++) {
            int port = cursor;
            cursor = cursor == last ? first : cursor + 1;
            if (!taken.contains(port) && isFree(port)) {
                ports.add(port);
            }
        }
        if (ports.size() < count) {
            throw new PlatformException(HttpStatus.SERVICE_UNAVAILABLE, "no-free-ports", "No " + count
                    + " free ports left in " + first + ".." + last + "; widen consortia.node.port-range-*");
        }
        for (int port : ports) {
            jdbc.sql("insert into allocated_ports (port, node_id) values (?, ?)").params(port, nodeId).update();
        }
        return ports;
    }

    void release(String nodeId) {
        jdbc.sql("delete from allocated_ports where node_id = ?").param(nodeId).update();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
