package io.consortia.platform.consortium;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The inputs of a new consortium. Only {@code name} and {@code signatureScheme} are required.
 *
 * @param name 3-100 characters: letters (any script), digits, spaces, '.', '_', '-'; unique (case ignored)
 * @param nodesPerOrganization 1 to 4, default 1
 * @param consensus RAFT (the only one for now)
 * @param deploymentTarget LOCAL (default): node processes on the platform's machine; KUBERNETES: a
 *        ConsortiaNetwork resource on the configured cluster (only when {@code consortia.kubernetes.enabled})
 */
public record NewConsortium(
        @NotBlank @Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{1,98}[\\p{L}\\p{N}._-]",
                message = "must be 3-100 letters, digits, spaces, '.', '_' or '-', not starting or ending with a space")
        String name,
        @NotNull SchemeChoice signatureScheme,
        @Min(1) @Max(4) Integer nodesPerOrganization,
        Consensus consensus,
        DeploymentTarget deploymentTarget) {

    public enum Consensus { RAFT }

    public enum DeploymentTarget {
        LOCAL, KUBERNETES;

        /** The targets this platform offers: KUBERNETES only when it is configured for a cluster. */
        public static java.util.List<DeploymentTarget> available(io.consortia.platform.system.KubernetesProperties kubernetes) {
            return kubernetes.enabled() ? java.util.List.of(LOCAL, KUBERNETES) : java.util.List.of(LOCAL);
        }
    }
}
