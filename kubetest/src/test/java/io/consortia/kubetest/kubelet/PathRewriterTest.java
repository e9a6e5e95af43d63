package io.consortia.kubetest.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathRewriterTest {
    private final PathRewriter rewriter = new PathRewriter(Path.of("/tmp/pod/rootfs"),
            List.of("/etc/consortia/config", "/etc/consortia", "/var/lib/consortia/"));

    @Test
    void mountPathsAndPathsBelowThemMoveUnderThePodRoot() {
        assertThat(rewriter.rewrite("/etc/consortia/config/org1-0.yaml"))
                .isEqualTo("/tmp/pod/rootfs/etc/consortia/config/org1-0.yaml");
        assertThat(rewriter.rewrite("/etc/consortia/keys/a.key")).isEqualTo("/tmp/pod/rootfs/etc/consortia/keys/a.key");
        assertThat(rewriter.rewrite("--data=/var/lib/consortia")).isEqualTo("--data=/tmp/pod/rootfs/var/lib/consortia");
        assertThat(rewriter.rewrite("dataDir: /var/lib/consortia\nkey: \"/etc/consortia/keys/k\"\n"))
                .isEqualTo("dataDir: /tmp/pod/rootfs/var/lib/consortia\nkey: \"/tmp/pod/rootfs/etc/consortia/keys/k\"\n");
    }

    @Test
    void lookalikesAndAlreadyRewrittenPathsAreLeftAlone() {
        assertThat(rewriter.rewrite("/etc/consortia2/x")).isEqualTo("/etc/consortia2/x");
        assertThat(rewriter.rewrite("/opt/etc/consortia")).isEqualTo("/opt/etc/consortia");
        assertThat(rewriter.rewrite("/tmp/pod/rootfs/etc/consortia/config"))
                .isEqualTo("/tmp/pod/rootfs/etc/consortia/config");
        assertThat(new PathRewriter(Path.of("/r"), List.of()).rewrite("/etc/x")).isEqualTo("/etc/x");
    }
}
