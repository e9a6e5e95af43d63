package io.consortia.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void ports_are_never_handed_out_twice() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ports.add(PortAllocator.next());
        }

        assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p > 0 && p <= 65535);
    }

    @Test
    void a_handed_out_port_can_be_bound_on_loopback() throws Exception {
        int port = PortAllocator.next();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
