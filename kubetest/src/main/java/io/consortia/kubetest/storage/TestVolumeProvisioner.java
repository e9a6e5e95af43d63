package io.consortia.kubetest.storage;

import io.consortia.kubetest.KubeTestException;
import io.consortia.kubetest.controlplane.Directories;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.consortia.common.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic provisioning for the test cluster: a StorageClass {@value #STORAGE_CLASS} (the cluster's default,
 * binding Immediate, reclaim policy Delete) and a watcher that creates a hostPath PersistentVolume, pre-bound to the
 * claim, in a directory of its own for every pending claim of that class, and deletes the volume and its directory
 * once the claim is gone (the volume Released). Kubernetes' own PV controller does the binding.
 */
public final class TestVolumeProvisioner implements AutoCloseable {
    public static final String STORAGE_CLASS = "consortia-test-local";
    public static final String PROVISIONER = "consortia.io/test-local";
    private static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    private static final Logger LOG = LoggerFactory.getLogger(TestVolumeProvisioner.class);

    private final KubernetesClient client;
    private final Path directory;
    private final ScheduledExecutorService loop;
    private final SharedIndexInformer<PersistentVolumeClaim> claims;
    private final SharedIndexInformer<PersistentVolume> volumes;

    private TestVolumeProvisioner(KubernetesClient client, Path directory) {
        this.client = client;
        this.directory = directory;
        this.loop = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("test-volume-provisioner"));
        this.claims = client.persistentVolumeClaims().inAnyNamespace().runnableInformer(0);
        this.volumes = client.persistentVolumes().runnableInformer(0);
    }

    /** Creates the StorageClass (if missing) and starts provisioning into directories under {@code directory}. */
    public static TestVolumeProvisioner start(KubernetesClient client, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new KubeTestException("cannot create the volume directory " + directory, e);
        }
        if (client.storage().v1().storageClasses().withName(STORAGE_CLASS).get() == null) {
            StorageClass storageClass = new StorageClassBuilder()
                    .withNewMetadata().withName(STORAGE_CLASS)
                    .withAnnotations(Map.of("storageclass.kubernetes.io/is-default-class", "true")).endMetadata()
                    .withProvisioner(PROVISIONER)
                    .withReclaimPolicy("Delete")
                    .withVolumeBindingMode("Immediate")
                    .build();
            client.storage().v1().storageClasses().resource(storageClass).create();
        }
        TestVolumeProvisioner provisioner = new TestVolumeProvisioner(client, directory);
        provisioner.begin();
        return provisioner;
    }

    private void begin() {
        ResourceEventHandler<Object> trigger = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
                loop.execute(TestVolumeProvisioner.this::reconcileQuietly);
            }

            @Override
            public void onUpdate(Object oldObj, Object newObj) {
                loop.execute(TestVolumeProvisioner.this::reconcileQuietly);
            }

            @Override
            public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
                loop.execute(TestVolumeProvisioner.this::reconcileQuietly);
            }
        };
        claims.addEventHandler(trigger);
        volumes.addEventHandler(trigger);
        claims.run();
        volumes.run();
        // a failed API call is tried again on the next pass
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 1, 2, TimeUnit.SECONDS);
    }

    /** The directory holding the volumes' directories. */
    public Path directory() {
        return directory;
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (KubernetesClientException e) {
            LOG.debug("provisioning pass failed, trying again: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("provisioning pass failed: {}", e.toString(), e);
        }
    }

    private void reconcile() {
        for (PersistentVolumeClaim claim : claims.getStore().list()) {
            if (STORAGE_CLASS.equals(claim.getSpec().getStorageClassName())
                    && (claim.getSpec().getVolumeName() == null || claim.getSpec().getVolumeName().isEmpty())
                    && claim.getMetadata().getDeletionTimestamp() == null
                    && (claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase()))
                    && volumes.getStore().getByKey(volumeName(claim)) == null) {
                provision(claim);
            }
        }
        for (PersistentVolume volume : volumes.getStore().list()) {
            String phase = volume.getStatus() == null ? null : volume.getStatus().getPhase();
            boolean ours = volume.getMetadata().getAnnotations() != null
                    && PROVISIONER.equals(volume.getMetadata().getAnnotations().get(PROVISIONED_BY));
            if (ours && ("Released".equals(phase) || "Failed".equals(phase))
                    && volume.getMetadata().getDeletionTimestamp() == null) {
                delete(volume);
            }
        }
    }

    private void provision(PersistentVolumeClaim claim) {
        String name = volumeName(claim);
        Path dir = directory.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KubeTestException("cannot create " + dir, e);
        }
        Quantity size = claim.getSpec().getResources() != null && claim.getSpec().getResources().getRequests() != null
                ? claim.getSpec().getResources().getRequests().getOrDefault("storage", new Quantity("1Gi"))
                : new Quantity("1Gi");
        List<String> modes = claim.getSpec().getAccessModes() == null || claim.getSpec().getAccessModes().isEmpty()
                ? List.of("ReadWriteOnce") : claim.getSpec().getAccessModes();
        PersistentVolume volume = new PersistentVolumeBuilder()
                .withNewMetadata().withName(name).withAnnotations(Map.of(PROVISIONED_BY, PROVISIONER))
                .endMetadata()
                .withNewSpec()
                .withCapacity(Map.of("storage", size))
                .withAccessModes(modes)
                .withStorageClassName(STORAGE_CLASS)
                .withPersistentVolumeReclaimPolicy("Delete")
                .withVolumeMode(claim.getSpec().getVolumeMode())
                .withNewHostPath().withPath(dir.toString()).withType("DirectoryOrCreate").endHostPath()
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim")
                .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid()).endClaimRef()
                .endSpec()
                .build();
        try {
            client.persistentVolumes().resource(volume).create();
            LOG.info("Provisioned {} for claim {}/{} in {}", name, claim.getMetadata().getNamespace(),
                    claim.getMetadata().getName(), dir);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private void delete(PersistentVolume volume) {
        String path = volume.getSpec().getHostPath() == null ? null : volume.getSpec().getHostPath().getPath();
        client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
        if (path != null && Path.of(path).startsWith(directory)) {
            Directories.deleteRecursively(Path.of(path));
        }
        LOG.info("Deleted released volume {}", volume.getMetadata().getName());
    }

    private static String volumeName(PersistentVolumeClaim claim) {
        return "pvc-" + claim.getMetadata().getUid();
    }

    @Override
    public void close() {
        loop.shutdownNow();
        claims.close();
        volumes.close();
    }
}
