package io.consortia.kubetest.kubelet;

/**
 * What each test Node reports as capacity and allocatable: the scheduler places Pods by these numbers, the
 * processes are not limited by them.
 */
public record NodeCapacity(String cpu, String memory, int pods) {
    public static NodeCapacity defaults() {
        return new NodeCapacity("8", "32Gi", 110);
    }
}
