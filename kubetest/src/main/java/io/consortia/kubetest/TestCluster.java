package io.consortia.kubetest;

import io.consortia.kubetest.controlplane.ControlPlane;
import io.consortia.kubetest.controlplane.ControlPlaneOptions;
import io.consortia.kubetest.kubelet.ImageCatalog;
import io.consortia.kubetest.kubelet.TestKubelet;
import io.consortia.kubetest.storage.TestVolumeProvisioner;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The whole test cluster in one: a {@link ControlPlane}, a {@link TestVolumeProvisioner} (the default StorageClass
 * {@value TestVolumeProvisioner#STORAGE_CLASS}) and a {@link TestKubelet} with {@code machine-1..N}. Closing it
 * stops the kubelet's processes and then the control plane.
 */
public final class TestCluster implements AutoCloseable {
    private final ControlPlane controlPlane;
    private final TestVolumeProvisioner provisioner;
    private final TestKubelet kubelet;

    private TestCluster(ControlPlane controlPlane, TestVolumeProvisioner provisioner, TestKubelet kubelet) {
        this.controlPlane = controlPlane;
        this.provisioner = provisioner;
        this.kubelet = kubelet;
    }

    public static TestCluster start(ImageCatalog catalog, int nodes) {
        return start(ControlPlaneOptions.defaults(), catalog, nodes);
    }

    public static TestCluster start(ControlPlaneOptions options, ImageCatalog catalog, int nodes) {
        ControlPlane plane = ControlPlane.start(options);
        TestVolumeProvisioner provisioner = null;
        try {
            provisioner = TestVolumeProvisioner.start(plane.client(), plane.directory().resolve("volumes"));
            TestKubelet kubelet = TestKubelet.start(plane, catalog, nodes);
            return new TestCluster(plane, provisioner, kubelet);
        } catch (RuntimeException e) {
            if (provisioner != null) {
                provisioner.close();
            }
            plane.close();
            throw e;
        }
    }

    public KubernetesClient client() {
        return controlPlane.client();
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    public TestKubelet kubelet() {
        return kubelet;
    }

    public TestVolumeProvisioner provisioner() {
        return provisioner;
    }

    @Override
    public void close() {
        try {
            kubelet.close();
        } finally {
            try {
                provisioner.close();
            } finally {
                controlPlane.close();
            }
        }
    }
}
