package io.consortia.kubetest.controlplane;

import io.consortia.kubetest.KubeTestException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the control plane's programs are: kube-apiserver, kube-controller-manager, kube-scheduler and kubectl in
 * the directory {@code scripts/kube-control-plane} prints, etcd from Debian's etcd-server on the PATH.
 *
 * <p>The directory is, in order: system property {@value #BIN_PROPERTY}, environment variable {@value #BIN_ENV},
 * {@code $CONSORTIA_CACHE/kube/bin}, {@code ~/.cache/consortia/kube/bin}. etcd: system property
 * {@value #ETCD_PROPERTY}, environment variable {@value #ETCD_ENV}, then the PATH.
 */
public record KubeBinaries(Path apiServer, Path controllerManager, Path scheduler, Path kubectl, Path etcd) {
    public static final String BIN_PROPERTY = "consortia.kube.bin";
    public static final String BIN_ENV = "CONSORTIA_KUBE_BIN";
    public static final String ETCD_PROPERTY = "consortia.kube.etcd";
    public static final String ETCD_ENV = "CONSORTIA_KUBE_ETCD";

    /** The binaries from the default places; a clear error naming scripts/kube-control-plane when one is missing. */
    public static KubeBinaries locate() {
        Path bin = binDirectory();
        Path etcd = findEtcd().orElseThrow(() -> missing("etcd (Debian package etcd-server) is not on the PATH and "
                + ETCD_PROPERTY + "/" + ETCD_ENV + " are not set"));
        KubeBinaries binaries = new KubeBinaries(bin.resolve("kube-apiserver"), bin.resolve("kube-controller-manager"),
                bin.resolve("kube-scheduler"), bin.resolve("kubectl"), etcd);
        for (Path program : List.of(binaries.apiServer, binaries.controllerManager, binaries.scheduler)) {
            if (!Files.isExecutable(program)) {
                throw missing(program + " is missing");
            }
        }
        return binaries;
    }

    /** Whether every program is present (for tests that want to say why they cannot run). */
    public static boolean available() {
        try {
            locate();
            return true;
        } catch (KubeTestException e) {
            return false;
        }
    }

    public static Path binDirectory() {
        String configured = firstNonBlank(System.getProperty(BIN_PROPERTY), System.getenv(BIN_ENV));
        if (configured != null) {
            return Path.of(configured);
        }
        String cache = firstNonBlank(System.getenv("CONSORTIA_CACHE"), null);
        Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "consortia");
        return root.resolve("kube").resolve("bin");
    }

    private static Optional<Path> findEtcd() {
        String configured = firstNonBlank(System.getProperty(ETCD_PROPERTY), System.getenv(ETCD_ENV));
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "etcd");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static KubeTestException missing(String what) {
        return new KubeTestException("The test Kubernetes control plane is not built: " + what
                + ". Run scripts/kube-control-plane once (it builds kube-apiserver, kube-controller-manager, "
                + "kube-scheduler and kubectl into " + binDirectory() + " and installs etcd), or point "
                + BIN_PROPERTY + " / " + BIN_ENV + " at a directory holding them.");
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
