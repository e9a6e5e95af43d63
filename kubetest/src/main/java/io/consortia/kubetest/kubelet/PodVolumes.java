package io.consortia.kubetest.kubelet;

import io.consortia.kubetest.KubeTestException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A Pod's volumes as directories: configMap, secret, downwardAPI and projected (of those) as files written once at
 * Pod start (file modes honoured; later changes to the ConfigMap or Secret are not synced), emptyDir as an empty
 * directory of the Pod's, persistentVolumeClaim as the bound PersistentVolume's hostPath or local directory,
 * hostPath as itself. ConfigMap contents pass through the Pod's path rewriter, so a config file naming a mount
 * path names the directory that stands for it.
 */
final class PodVolumes {
    private static final int DEFAULT_MODE = 0644;

    private final KubernetesClient client;
    private final Pod pod;
    private final Path volumesDir;
    private final String podIp;
    private final UnaryOperator<String> configRewriter;

    PodVolumes(KubernetesClient client, Pod pod, Path volumesDir, String podIp, UnaryOperator<String> configRewriter) {
        this.client = client;
        this.pod = pod;
        this.volumesDir = volumesDir;
        this.podIp = podIp;
        this.configRewriter = configRewriter;
    }

    /** Volume name -> directory; throws {@link PodNotReadyException} while something is missing. */
    Map<String, Path> materialize() {
        Map<String, Path> result = new LinkedHashMap<>();
        List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        for (Volume volume : volumes) {
            result.put(volume.getName(), materialize(volume));
        }
        return result;
    }

    private Path materialize(Volume volume) {
        Path dir = volumesDir.resolve(volume.getName());
        if (volume.getEmptyDir() != null) {
            return mkdirs(dir);
        }
        if (volume.getHostPath() != null) {
            return mkdirs(Path.of(volume.getHostPath().getPath()));
        }
        if (volume.getPersistentVolumeClaim() != null) {
            return claimDirectory(volume.getPersistentVolumeClaim().getClaimName());
        }
        if (volume.getConfigMap() != null) {
            ConfigMapVolumeSource source = volume.getConfigMap();
            fresh(dir);
            writeConfigMap(dir, source.getName(), source.getItems(), source.getDefaultMode(), source.getOptional());
            return dir;
        }
        if (volume.getSecret() != null) {
            SecretVolumeSource source = volume.getSecret();
            fresh(dir);
            writeSecret(dir, source.getSecretName(), source.getItems(), source.getDefaultMode(), source.getOptional());
            return dir;
        }
        if (volume.getDownwardAPI() != null) {
            fresh(dir);
            writeDownward(dir, volume.getDownwardAPI().getItems(), volume.getDownwardAPI().getDefaultMode());
            return dir;
        }
        if (volume.getProjected() != null) {
            fresh(dir);
            Integer mode = volume.getProjected().getDefaultMode();
            for (VolumeProjection projection : volume.getProjected().getSources()) {
                if (projection.getConfigMap() != null) {
                    ConfigMapProjection cm = projection.getConfigMap();
                    writeConfigMap(dir, cm.getName(), cm.getItems(), mode, cm.getOptional());
                } else if (projection.getSecret() != null) {
                    SecretProjection secret = projection.getSecret();
                    writeSecret(dir, secret.getName(), secret.getItems(), mode, secret.getOptional());
                } else if (projection.getDownwardAPI() != null) {
                    writeDownward(dir, projection.getDownwardAPI().getItems(), mode);
                } else {
                    throw unsupported(volume, "projected source " + projection);
                }
            }
            return dir;
        }
        throw unsupported(volume, "this volume type");
    }

    private Path claimDirectory(String claimName) {
        String ns = pod.getMetadata().getNamespace();
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(ns).withName(claimName).get();
        if (claim == null) {
            throw new PodNotReadyException("ContainerCreating", "persistentvolumeclaim " + claimName + " not found");
        }
        String volumeName = claim.getSpec().getVolumeName();
        if (volumeName == null || claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase())) {
            throw new PodNotReadyException("ContainerCreating", "persistentvolumeclaim " + claimName
                    + " is not bound");
        }
        PersistentVolume volume = client.persistentVolumes().withName(volumeName).get();
        if (volume == null) {
            throw new PodNotReadyException("ContainerCreating", "persistentvolume " + volumeName + " not found");
        }
        String path = volume.getSpec().getHostPath() != null ? volume.getSpec().getHostPath().getPath()
                : volume.getSpec().getLocal() != null ? volume.getSpec().getLocal().getPath() : null;
        if (path == null) {
            throw new PodNotReadyException("ContainerCreating", "persistentvolume " + volumeName
                    + " is neither hostPath nor local; the test kubelet cannot mount it");
        }
        return mkdirs(Path.of(path));
    }

    private void writeConfigMap(Path dir, String name, List<KeyToPath> items, Integer defaultMode, Boolean optional) {
        ConfigMap map = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(name).get();
        if (map == null) {
            if (Boolean.TRUE.equals(optional)) {
                return;
            }
            throw new PodNotReadyException("ContainerCreating", "configmap " + name + " not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (map.getData() != null) {
            map.getData().forEach((k, v) -> data.put(k, configRewriter.apply(v).getBytes(StandardCharsets.UTF_8)));
        }
        if (map.getBinaryData() != null) {
            map.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        writeKeys(dir, "configmap " + name, data, items, defaultMode, optional);
    }

    private void writeSecret(Path dir, String name, List<KeyToPath> items, Integer defaultMode, Boolean optional) {
        Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace()).withName(name).get();
        if (secret == null) {
            if (Boolean.TRUE.equals(optional)) {
                return;
            }
            throw new PodNotReadyException("ContainerCreating", "secret " + name + " not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        writeKeys(dir, "secret " + name, data, items, defaultMode, optional);
    }

    private void writeKeys(Path dir, String what, Map<String, byte[]> data, List<KeyToPath> items,
            Integer defaultMode, Boolean optional) {
        int mode = defaultMode != null ? defaultMode : DEFAULT_MODE;
        if (items == null || items.isEmpty()) {
            data.forEach((key, bytes) -> writeFile(dir.resolve(key), bytes, mode));
            return;
        }
        for (KeyToPath item : items) {
            byte[] bytes = data.get(item.getKey());
            if (bytes == null) {
                if (Boolean.TRUE.equals(optional)) {
                    continue;
                }
                throw new PodNotReadyException("ContainerCreating", what + " has no key " + item.getKey());
            }
            writeFile(dir.resolve(item.getPath()), bytes, item.getMode() != null ? item.getMode() : mode);
        }
    }

    private void writeDownward(Path dir, List<DownwardAPIVolumeFile> items, Integer defaultMode) {
        int mode = defaultMode != null ? defaultMode : DEFAULT_MODE;
        for (DownwardAPIVolumeFile item : items) {
            if (item.getFieldRef() == null) {
                throw new PodNotReadyException("CreateContainerConfigError",
                        "the test kubelet supports only fieldRef in downwardAPI volumes");
            }
            String value = FieldRefs.resolve(pod, item.getFieldRef().getFieldPath(), podIp);
            writeFile(dir.resolve(item.getPath()), value.getBytes(StandardCharsets.UTF_8),
                    item.getMode() != null ? item.getMode() : mode);
        }
    }

    private static void writeFile(Path file, byte[] bytes, int mode) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                file.toFile().setWritable(true, true);
            }
            Files.write(file, bytes);
            Files.setPosixFilePermissions(file, permissions(mode));
        } catch (IOException e) {
            throw new KubeTestException("cannot write volume file " + file, e);
        }
    }

    /** A Kubernetes file mode (the decimal value of the octal bits, e.g. 256 for 0400) as POSIX permissions. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static void fresh(Path dir) {
        io.consortia.kubetest.controlplane.Directories.deleteRecursively(dir);
        mkdirs(dir);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KubeTestException("cannot create " + dir, e);
        }
    }

    private PodNotReadyException unsupported(Volume volume, String what) {
        return new PodNotReadyException("CreateContainerConfigError", "volume " + volume.getName()
                + ": the test kubelet does not support " + what);
    }
}
