package io.consortia.kubetest;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A container process of the test cluster's IT: configures a fabric8 client the in-cluster way (no kubeconfig:
 * service account token, CA and API server from what the test kubelet provides) and asks the API server its
 * version.
 */
public final class InClusterProbe {
    private InClusterProbe() {}

    public static void main(String[] args) {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            System.out.println("in-cluster master " + client.getMasterUrl() + " namespace " + client.getNamespace()
                    + " version " + client.getKubernetesVersion().getGitVersion());
        }
    }
}
