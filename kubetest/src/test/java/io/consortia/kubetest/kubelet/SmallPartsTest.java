package io.consortia.kubetest.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
    @Test
    void imagesAreFoundByRepositoryWhateverTheirTagDigestOrRegistry() {
        ImageCatalog catalog = ImageCatalog.builder().image("consortia/node", List.of("java", "Main")).build();
        assertThat(catalog.lookup("consortia/node:0.1.0")).isPresent();
        assertThat(catalog.lookup("consortia/node@sha256:abc")).isPresent();
        assertThat(catalog.lookup("registry.local:5000/consortia/node:1")).isPresent();
        assertThat(catalog.lookup("consortia/platform:0.1.0")).isEmpty();
        assertThat(ImageCatalog.repository("localhost:5000/a/b:2")).isEqualTo("localhost:5000/a/b");
    }

    @Test
    void podAddressesAreDistinctLoopbackAddressesStablePerUid() {
        IpPool pool = new IpPool();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            String ip = pool.allocate("uid-" + i);
            assertThat(ip).matches("127\\.0\\.([1-9]\\d*)\\.([1-9]\\d*)");
            int x = Integer.parseInt(ip.split("\\.")[2]);
            int y = Integer.parseInt(ip.split("\\.")[3]);
            assertThat(x).isBetween(1, 254);
            assertThat(y).isBetween(1, 254);
            assertThat(seen.add(ip)).as(ip).isTrue();
        }
        assertThat(pool.allocate("uid-7")).isEqualTo(pool.allocate("uid-7"));
        String released = pool.allocate("uid-0");
        pool.release("uid-0");
        assertThat(pool.allocate("uid-new")).isNotEqualTo(released);
    }

    @Test
    void kubernetesFileModesBecomePosixPermissions() {
        assertThat(PosixFilePermissions.toString(PodVolumes.permissions(0400))).isEqualTo("r--------");
        assertThat(PosixFilePermissions.toString(PodVolumes.permissions(420))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(PodVolumes.permissions(0755))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void tailKeepsTheLastLines() {
        byte[] log = "a\nb\nc\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(LogServer.tail(log, 2), StandardCharsets.UTF_8)).isEqualTo("b\nc\n");
        assertThat(new String(LogServer.tail(log, 5), StandardCharsets.UTF_8)).isEqualTo("a\nb\nc\n");
        assertThat(LogServer.tail(log, 0)).isEmpty();
        assertThat(new String(LogServer.tail("a\nb".getBytes(StandardCharsets.UTF_8), 1), StandardCharsets.UTF_8))
                .isEqualTo("b");
    }
}
