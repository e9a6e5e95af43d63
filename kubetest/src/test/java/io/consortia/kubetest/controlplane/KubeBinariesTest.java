package io.consortia.kubetest.controlplane;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.kubetest.KubeTestException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeBinariesTest {
    @TempDir
    Path empty;

    @AfterEach
    void clear() {
        System.clearProperty(KubeBinaries.BIN_PROPERTY);
        System.clearProperty(KubeBinaries.ETCD_PROPERTY);
    }

    @Test
    void missingBinariesFailWithAMessageNamingTheBuildScript() {
        System.setProperty(KubeBinaries.BIN_PROPERTY, empty.toString());
        System.setProperty(KubeBinaries.ETCD_PROPERTY, "/bin/true");
        assertThatThrownBy(KubeBinaries::locate).isInstanceOf(KubeTestException.class)
                .hasMessageContaining("scripts/kube-control-plane")
                .hasMessageContaining(empty.resolve("kube-apiserver").toString());
    }
}
