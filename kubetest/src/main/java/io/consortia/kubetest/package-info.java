/**
 * A real Kubernetes control plane for integration tests ({@link io.consortia.kubetest.controlplane.ControlPlane}),
 * a kubelet that runs Pods as local processes on loopback addresses
 * ({@link io.consortia.kubetest.kubelet.TestKubelet}) and a directory-backed volume provisioner
 * ({@link io.consortia.kubetest.storage.TestVolumeProvisioner}). {@link io.consortia.kubetest.TestCluster} starts all
 * three. See docs/testing-kubernetes.md.
 */
package io.consortia.kubetest;
