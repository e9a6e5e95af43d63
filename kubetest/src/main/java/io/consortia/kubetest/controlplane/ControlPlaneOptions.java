package io.consortia.kubetest.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ControlPlane} starts.
 *
 * @param binaries the programs ({@link KubeBinaries#locate()} by default)
 * @param directory where etcd's data, certificates, kubeconfigs and logs go; {@code null}: a new temp directory
 * @param startTimeout how long the API server and the controllers may take to become usable (a loaded 2-core
 *     machine needs far more than the ~10 s of an idle one)
 * @param keepDirectory keep the directory on close (system property {@code consortia.kube.keep=true}), to read the
 *     logs after a failed test
 */
public record ControlPlaneOptions(KubeBinaries binaries, Path directory, Duration startTimeout, boolean keepDirectory) {
    public ControlPlaneOptions {
        Objects.requireNonNull(binaries, "binaries");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    public static ControlPlaneOptions defaults() {
        return new ControlPlaneOptions(KubeBinaries.locate(), null, Duration.ofMinutes(3),
                Boolean.getBoolean("consortia.kube.keep"));
    }

    public ControlPlaneOptions withDirectory(Path directory) {
        return new ControlPlaneOptions(binaries, directory, startTimeout, keepDirectory);
    }

    public ControlPlaneOptions withStartTimeout(Duration timeout) {
        return new ControlPlaneOptions(binaries, directory, timeout, keepDirectory);
    }
}
