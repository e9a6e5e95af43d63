package io.consortia.kubetest.kubelet;

import io.consortia.common.DaemonThreads;
import io.consortia.common.Processes;
import io.consortia.kubetest.KubeTestException;
import io.consortia.kubetest.controlplane.Directories;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Pod: allocates its loopback address, enters it in the cluster hosts file, builds its volumes and root
 * directory, runs its init containers in order and then its containers as local processes, probes them, restarts
 * them per restartPolicy (with back-off), and writes the Pod's status whenever it changes. When the Pod is deleted
 * it stops the processes (SIGTERM, then kill after the grace period, capped at
 * {@link KubeletContext#maxTerminationGrace()}) and removes the Pod with grace period 0.
 *
 * <p>Pod directory: {@code rootfs/} (each mount path a symbolic link to its volume's directory), {@code volumes/},
 * {@code logs/<container>/<run>.log}.
 */
final class PodWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
    private static final long TICK_MILLIS = 200;
    private static final Duration BASE_BACK_OFF = Duration.ofSeconds(1);
    /** A container that ran this long without failing starts its back-off afresh. */
    private static final Duration BACK_OFF_RESET = Duration.ofMinutes(1);
    private static final String SERVICE_ACCOUNT_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

    private final KubeletContext context;
    private final String uid;
    private final String namespace;
    private final String name;
    private final Path directory;
    private final Object lock = new Object();
    private final Runnable onFinished;
    private volatile Pod pod;
    private volatile boolean gone;
    private volatile boolean shuttingDown;
    private volatile List<ContainerRun> initContainers = List.of();
    private volatile List<ContainerRun> containers = List.of();
    private Thread thread;
    private String ip;
    private PathRewriter rewriter;
    private Instant startTime;
    private String lastStatusJson;
    private final Map<String, Instant> transitions = new HashMap<>();
    private final Map<String, Boolean> conditionValues = new HashMap<>();

    PodWorker(KubeletContext context, Pod pod, Runnable onFinished) {
        this.context = context;
        this.pod = pod;
        this.uid = pod.getMetadata().getUid();
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.directory = context.podsDirectory().resolve(namespace + "_" + name + "_" + uid.substring(0, 8));
        this.onFinished = onFinished;
    }

    void start() {
        thread = DaemonThreads.start("kubelet-pod-" + namespace + "-" + name, this::run);
    }

    String uid() {
        return uid;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    /** The Pod's loopback address, once allocated. */
    Optional<String> ip() {
        return Optional.ofNullable(ip);
    }

    Path directory() {
        return directory;
    }

    /** A newer version of the Pod from the watch. */
    void update(Pod latest) {
        pod = latest;
        wake();
    }

    /** The Pod is gone from the API server (force-deleted): stop without deleting it again. */
    void gone() {
        gone = true;
        wake();
    }

    /** The kubelet stops: kill the processes quickly, leave the Pod object alone. */
    void shutdown() {
        shuttingDown = true;
        wake();
    }

    void awaitFinished(Duration timeout) {
        try {
            if (thread != null) {
                thread.join(timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The container's current or previous log file, for the log endpoint. */
    Optional<Path> logFile(String container, boolean previous) {
        return findContainer(container).map(run -> run.currentLog(previous)).filter(Files::exists);
    }

    boolean running(String container) {
        return findContainer(container).map(ContainerRun::running).orElse(false);
    }

    Optional<ContainerRun> findContainer(String container) {
        for (List<ContainerRun> runs : List.of(containers, initContainers)) {
            for (ContainerRun run : runs) {
                if (run.name().equals(container)) {
                    return Optional.of(run);
                }
            }
        }
        return Optional.empty();
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private boolean terminating() {
        return gone || shuttingDown || pod.getMetadata().getDeletionTimestamp() != null;
    }

    private void run() {
        try {
            boolean prepared = false;
            while (!terminating()) {
                try {
                    if (!prepared) {
                        prepared = prepare();
                    }
                    if (prepared) {
                        step();
                    }
                    writeStatus();
                } catch (KubernetesClientException e) {
                    LOG.debug("Pod {}/{}: API call failed, trying again: {}", namespace, name, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("Pod {}/{}: {}", namespace, name, e.toString(), e);
                }
                pause();
            }
            terminate();
        } finally {
            onFinished.run();
        }
    }

    private void pause() {
        synchronized (lock) {
            if (!terminating()) {
                try {
                    lock.wait(TICK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    shuttingDown = true;
                }
            }
        }
    }

    // ---------------------------------------------------------------- preparation

    private boolean prepare() {
        Pod current = pod;
        if (initContainers.isEmpty() && containers.isEmpty()) {
            List<ContainerRun> inits = new ArrayList<>();
            List<Container> specInits = current.getSpec().getInitContainers();
            if (specInits != null) {
                specInits.forEach(c -> inits.add(new ContainerRun(c, true, directory.resolve("logs").resolve(c.getName()))));
            }
            List<ContainerRun> mains = new ArrayList<>();
            current.getSpec().getContainers().forEach(c -> mains.add(
                    new ContainerRun(c, false, directory.resolve("logs").resolve(c.getName()))));
            initContainers = List.copyOf(inits);
            containers = List.copyOf(mains);
            startTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        if (ip == null) {
            ip = context.ips().allocate(uid);
        }
        try {
            String hostname = current.getSpec().getHostname() != null ? current.getSpec().getHostname() : name;
            context.hosts().addPod(uid, new ClusterHosts.PodEntry(namespace, name, hostname,
                    current.getSpec().getSubdomain(), ip));
            Path rootfs = mkdirs(directory.resolve("rootfs"));
            List<String> mountPaths = new ArrayList<>();
            allContainers().forEach(run -> mounts(run.spec).forEach(m -> mountPaths.add(m.getMountPath())));
            rewriter = new PathRewriter(rootfs, mountPaths);
            Map<String, Path> volumes = new PodVolumes(context.client(), current, mkdirs(directory.resolve("volumes")),
                    ip, rewriter::rewrite).materialize();
            for (ContainerRun run : allContainers()) {
                for (VolumeMount mount : mounts(run.spec)) {
                    link(rootfs, mount, volumes);
                }
            }
            allContainers().forEach(run -> mkdirs(run.logDirectory));
            allContainers().forEach(run -> {
                run.waitingReason = "ContainerCreating";
                run.waitingMessage = null;
            });
            return true;
        } catch (PodNotReadyException e) {
            allContainers().forEach(run -> {
                run.waitingReason = e.reason();
                run.waitingMessage = e.getMessage();
            });
            return false;
        }
    }

    private void link(Path rootfs, VolumeMount mount, Map<String, Path> volumes) {
        Path volume = volumes.get(mount.getName());
        if (volume == null) {
            throw new PodNotReadyException("CreateContainerConfigError", "volume mount " + mount.getName()
                    + " names no volume of the Pod");
        }
        Path target = mount.getSubPath() == null || mount.getSubPath().isEmpty() ? volume
                : volume.resolve(mount.getSubPath());
        if (!Files.exists(target)) {
            mkdirs(target);
        }
        Path link = rootfs.resolve(PathRewriter.normalize(mount.getMountPath()).substring(1));
        try {
            Files.createDirectories(link.getParent());
            if (Files.isSymbolicLink(link)) {
                if (Files.readSymbolicLink(link).equals(target)) {
                    return;
                }
                Files.delete(link);
            } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                throw new PodNotReadyException("CreateContainerConfigError", "mount path " + mount.getMountPath()
                        + " is used twice or nested in another mount; the test kubelet cannot map it");
            }
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new KubeTestException("cannot link " + link + " to " + target, e);
        }
    }

    private static List<VolumeMount> mounts(Container container) {
        return container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
    }

    private List<ContainerRun> allContainers() {
        List<ContainerRun> all = new ArrayList<>(initContainers);
        all.addAll(containers);
        return all;
    }

    // ---------------------------------------------------------------- running

    private void step() {
        long now = System.nanoTime();
        for (ContainerRun init : initContainers) {
            if (init.finished) {
                continue;
            }
            if (init.running()) {
                return;
            }
            if (init.process != null) {
                // it exited
                boolean ok = recordExit(init) == 0;
                if (ok) {
                    init.finished = true;
                    continue;
                }
                if ("Never".equals(restartPolicy())) {
                    init.finished = true;
                    return;
                }
                scheduleRestart(init, now);
                return;
            }
            if (now - init.nextStartNanos >= 0) {
                startContainer(init);
            }
            return;
        }
        if (initFailed()) {
            return;
        }
        for (ContainerRun run : containers) {
            if (run.finished) {
                continue;
            }
            if (run.process == null) {
                if (now - run.nextStartNanos >= 0) {
                    startContainer(run);
                }
                continue;
            }
            if (!run.process.isAlive()) {
                int code = recordExit(run);
                String policy = restartPolicy();
                if ("Always".equals(policy) || ("OnFailure".equals(policy) && code != 0)) {
                    scheduleRestart(run, now);
                } else {
                    run.finished = true;
                }
                continue;
            }
            probe(run, now);
        }
    }

    private void probe(ContainerRun run, long now) {
        Map<String, String> env = run.environment;
        if (run.startup != null && run.startup.result() != ProbeState.Result.SUCCESS) {
            if (run.startup.due(now)) {
                boolean ok = Probes.run(run.startup.probe(), run.spec, ip, env, rewriter, workDir(run).toFile());
                if (run.startup.record(ok, System.nanoTime()) == ProbeState.Result.FAILURE) {
                    restartUnhealthy(run, "startup probe failed");
                }
            }
            return;
        }
        if (run.liveness != null && run.liveness.due(now)) {
            boolean ok = Probes.run(run.liveness.probe(), run.spec, ip, env, rewriter, workDir(run).toFile());
            if (run.liveness.record(ok, System.nanoTime()) == ProbeState.Result.FAILURE) {
                restartUnhealthy(run, "liveness probe failed");
                return;
            }
        }
        if (run.readiness != null && run.readiness.due(now)) {
            boolean ok = Probes.run(run.readiness.probe(), run.spec, ip, env, rewriter, workDir(run).toFile());
            run.readiness.record(ok, System.nanoTime());
        }
    }

    private void restartUnhealthy(ContainerRun run, String why) {
        LOG.info("Pod {}/{} container {}: {}, restarting it", namespace, name, run.name(), why);
        appendToLog(run, "[test kubelet] " + why + "; restarting the container");
        Processes.stop(run.process.toHandle(), grace());
        recordExit(run);
        if ("Never".equals(restartPolicy())) {
            run.finished = true;
            return;
        }
        // a liveness restart is immediate; back-off applies to crashes
        run.nextStartNanos = System.nanoTime();
        run.restartCount++;
        run.process = null;
        run.waitingReason = "ContainerCreating";
    }

    private int recordExit(ContainerRun run) {
        int code;
        try {
            // the process is gone; waitFor only lets the JDK's reaper catch up
            code = run.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) ? run.process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        Instant finished = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        run.last = new ContainerRun.Termination(code, code == 0 ? "Completed" : "Error", run.startedAt, finished);
        long ranFor = System.nanoTime() - run.startNanos;
        run.consecutiveFailures = ranFor > BACK_OFF_RESET.toNanos() ? 1 : run.consecutiveFailures + 1;
        return code;
    }

    private void scheduleRestart(ContainerRun run, long now) {
        long delay = BASE_BACK_OFF.toNanos() << Math.min(10, Math.max(0, run.consecutiveFailures - 1));
        delay = Math.min(delay, context.maxBackOff().toNanos());
        run.nextStartNanos = now + delay;
        run.restartCount++;
        run.process = null;
        run.waitingReason = "CrashLoopBackOff";
        run.waitingMessage = "back-off " + Duration.ofNanos(delay).toMillis() + " ms restarting failed container "
                + run.name();
    }

    private String restartPolicy() {
        String policy = pod.getSpec().getRestartPolicy();
        return policy == null ? "Always" : policy;
    }

    private boolean initFailed() {
        return initContainers.stream().anyMatch(i -> i.finished && i.last != null && i.last.exitCode() != 0);
    }

    private void startContainer(ContainerRun run) {
        String image = run.spec.getImage();
        Optional<ImageCatalog.Entry> entry = context.catalog().lookup(image);
        if (entry.isEmpty()) {
            run.waitingReason = "ErrImagePull";
            run.waitingMessage = "image " + image + " is not in the test kubelet's image catalog (it knows "
                    + context.catalog().repositories() + ")";
            return;
        }
        Map<String, String> env;
        try {
            env = environment(run, entry.get());
        } catch (PodNotReadyException e) {
            run.waitingReason = e.reason();
            run.waitingMessage = e.getMessage();
            return;
        }
        List<String> command = new ArrayList<>(entry.get().command());
        List<String> extra = new ArrayList<>();
        if (run.spec.getCommand() != null) {
            extra.addAll(run.spec.getCommand());
        }
        if (run.spec.getArgs() != null) {
            extra.addAll(run.spec.getArgs());
        }
        for (String arg : extra) {
            command.add(rewriter.rewrite(Expansion.expand(arg, env::get)));
        }
        Path log = run.log(run.runs);
        Path workDir = workDir(run);
        try {
            mkdirs(workDir);
            Files.writeString(log, "");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            run.process = builder.start();
            run.environment = Map.copyOf(env);
        } catch (IOException e) {
            run.waitingReason = "RunContainerError";
            run.waitingMessage = "cannot start " + command.get(0) + ": " + e.getMessage();
            run.nextStartNanos = System.nanoTime() + context.maxBackOff().toNanos();
            return;
        }
        run.runs++;
        run.startNanos = System.nanoTime();
        run.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        run.waitingReason = null;
        run.waitingMessage = null;
        run.startup = run.spec.getStartupProbe() == null ? null : new ProbeState(run.spec.getStartupProbe(), run.startNanos);
        run.readiness = run.spec.getReadinessProbe() == null ? null
                : new ProbeState(run.spec.getReadinessProbe(), run.startNanos);
        run.liveness = run.spec.getLivenessProbe() == null ? null
                : new ProbeState(run.spec.getLivenessProbe(), run.startNanos);
        LOG.info("Pod {}/{} container {} started on {} (run {}, pid {})", namespace, name, run.name(), ip,
                run.runs, run.process.pid());
    }

    private Path workDir(ContainerRun run) {
        String working = run.spec.getWorkingDir();
        Path rootfs = directory.resolve("rootfs");
        if (working == null || working.isBlank()) {
            return rootfs;
        }
        String rewritten = rewriter.rewrite(working);
        return rewritten.equals(working) ? rootfs.resolve(PathRewriter.normalize(working).substring(1))
                : Path.of(rewritten);
    }

    /**
     * The process environment: PATH, LANG and JAVA_HOME of the kubelet's JVM; HOME (the Pod's root), HOSTNAME and
     * the in-cluster API variables; the image's variables; the Pod spec's (path-rewritten); then the test
     * kubelet's own (JAVA_TOOL_OPTIONS prefixed with the hosts-file options, CONSORTIA_POD_ROOT,
     * CONSORTIA_PATH_MAP).
     */
    private Map<String, String> environment(ContainerRun run, ImageCatalog.Entry entry) {
        Pod current = pod;
        Map<String, String> env = new LinkedHashMap<>();
        for (String inherited : List.of("PATH", "LANG", "JAVA_HOME")) {
            String value = System.getenv(inherited);
            if (value != null) {
                env.put(inherited, value);
            }
        }
        Path rootfs = directory.resolve("rootfs");
        env.put("HOME", rootfs.toString());
        env.put("HOSTNAME", current.getSpec().getHostname() != null ? current.getSpec().getHostname() : name);
        env.put("KUBERNETES_SERVICE_HOST", context.apiServerHost());
        env.put("KUBERNETES_SERVICE_PORT", Integer.toString(context.apiServerPort()));
        env.put("KUBERNETES_SERVICE_PORT_HTTPS", Integer.toString(context.apiServerPort()));
        env.put("KUBERNETES_PORT", "tcp://" + context.apiServerHost() + ":" + context.apiServerPort());
        env.putAll(entry.env());
        Map<String, String> spec = new PodEnvironment(context.client(), current, ip).resolve(run.spec, env);
        spec.forEach((k, v) -> env.put(k, rewriter.rewrite(v)));
        if (mounts(run.spec).stream().anyMatch(m -> PathRewriter.normalize(m.getMountPath())
                .equals(SERVICE_ACCOUNT_MOUNT))) {
            // fabric8's in-cluster configuration reads these instead of the fixed paths
            String mounted = rootfs + SERVICE_ACCOUNT_MOUNT;
            env.putIfAbsent("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", mounted + "/token");
            env.putIfAbsent("KUBERNETES_CERTS_CA_FILE", mounted + "/ca.crt");
            env.putIfAbsent("KUBERNETES_NAMESPACE", namespace);
        }
        String toolOptions = env.get("JAVA_TOOL_OPTIONS");
        env.put("JAVA_TOOL_OPTIONS", context.javaToolOptions() + (toolOptions == null ? "" : " " + toolOptions));
        env.put("CONSORTIA_POD_ROOT", rootfs.toString());
        env.put("CONSORTIA_PATH_MAP", rewriter.describe());
        return env;
    }

    private void appendToLog(ContainerRun run, String line) {
        Path log = run.currentLog(false);
        if (log == null) {
            return;
        }
        try {
            Files.writeString(log, line + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.debug("cannot append to {}: {}", log, e.toString());
        }
    }

    // ---------------------------------------------------------------- status

    private void writeStatus() {
        PodStatus status = status();
        String json = context.client().getKubernetesSerialization().asJson(Map.of("status", status));
        if (json.equals(lastStatusJson)) {
            return;
        }
        context.client().pods().inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json);
        lastStatusJson = json;
    }

    private PodStatus status() {
        boolean initialized = initContainers.stream().allMatch(i -> i.finished && i.last != null
                && i.last.exitCode() == 0);
        boolean allReady = initialized && !containers.isEmpty() && containers.stream().allMatch(ContainerRun::ready);
        String phase = phase(initialized);
        List<PodCondition> conditions = List.of(
                condition("PodScheduled", true),
                condition("Initialized", initialized),
                condition("ContainersReady", allReady),
                condition("Ready", allReady));
        PodStatusBuilder builder = new PodStatusBuilder()
                .withPhase(phase)
                .withConditions(conditions)
                .withHostIP("127.0.0.1")
                .withStartTime(startTime == null ? null : startTime.toString())
                .withInitContainerStatuses(initContainers.stream().map(this::containerStatus).toList())
                .withContainerStatuses(containers.stream().map(this::containerStatus).toList());
        if (ip != null) {
            builder.withPodIP(ip).withPodIPs(new PodIPBuilder().withIp(ip).build());
        }
        return builder.build();
    }

    private String phase(boolean initialized) {
        if (initFailed()) {
            return "Failed";
        }
        if (!initialized || containers.stream().anyMatch(c -> c.runs == 0)) {
            return "Pending";
        }
        if (containers.stream().allMatch(c -> c.finished)) {
            return containers.stream().allMatch(c -> c.last != null && c.last.exitCode() == 0) ? "Succeeded"
                    : "Failed";
        }
        return "Running";
    }

    private PodCondition condition(String type, boolean value) {
        Boolean previous = conditionValues.put(type, value);
        if (previous == null || previous != value) {
            transitions.put(type, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
        return new PodConditionBuilder().withType(type).withStatus(value ? "True" : "False")
                .withLastTransitionTime(transitions.get(type).toString()).build();
    }

    private ContainerStatus containerStatus(ContainerRun run) {
        ContainerState state;
        if (run.running()) {
            state = new ContainerStateBuilder().withNewRunning().withStartedAt(run.startedAt.toString()).endRunning()
                    .build();
        } else if (run.finished && run.last != null) {
            state = terminated(run.last);
        } else {
            state = new ContainerStateBuilder().withNewWaiting().withReason(run.waitingReason == null
                    ? "ContainerCreating" : run.waitingReason).withMessage(run.waitingMessage).endWaiting().build();
        }
        ContainerStatusBuilder builder = new ContainerStatusBuilder()
                .withName(run.name())
                .withImage(run.spec.getImage())
                .withImageID("consortia-test://" + ImageCatalog.repository(run.spec.getImage()))
                .withRestartCount(run.restartCount)
                .withReady(run.ready())
                .withStarted(run.started())
                .withState(state);
        if (run.runs > 0) {
            builder.withContainerID("consortia-test://" + uid + "/" + run.name() + "/" + (run.runs - 1));
        }
        if (run.last != null && !(run.finished && !run.running())) {
            builder.withLastState(terminated(run.last));
        }
        return builder.build();
    }

    private static ContainerState terminated(ContainerRun.Termination t) {
        return new ContainerStateBuilder().withNewTerminated().withExitCode(t.exitCode()).withReason(t.reason())
                .withStartedAt(t.startedAt() == null ? null : t.startedAt().toString())
                .withFinishedAt(t.finishedAt().toString()).endTerminated().build();
    }

    // ---------------------------------------------------------------- termination

    private Duration grace() {
        Pod current = pod;
        Long seconds = current.getMetadata().getDeletionGracePeriodSeconds();
        if (seconds == null) {
            seconds = current.getSpec().getTerminationGracePeriodSeconds();
        }
        Duration grace = Duration.ofSeconds(seconds == null ? 30 : Math.max(0, seconds));
        if (shuttingDown) {
            grace = Duration.ofSeconds(2);
        }
        return grace.compareTo(context.maxTerminationGrace()) > 0 ? context.maxTerminationGrace() : grace;
    }

    private void terminate() {
        List<ProcessHandle> handles = new ArrayList<>();
        for (ContainerRun run : allContainers()) {
            if (run.running()) {
                handles.add(run.process.toHandle());
            }
        }
        if (!handles.isEmpty()) {
            Processes.stopAll(handles, grace());
        }
        if (!gone && !shuttingDown) {
            try {
                Pod current = context.client().pods().inNamespace(namespace).withName(name).get();
                if (current != null && uid.equals(current.getMetadata().getUid())) {
                    context.client().pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
                }
            } catch (KubernetesClientException e) {
                LOG.warn("Pod {}/{}: could not delete it after its processes stopped: {}", namespace, name,
                        e.getMessage());
            }
        }
        context.hosts().removePod(uid);
        context.ips().release(uid);
        if (!shuttingDown) {
            Directories.deleteRecursively(directory);
        }
        LOG.info("Pod {}/{} ({}) stopped", namespace, name, uid);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KubeTestException("cannot create " + dir, e);
        }
    }
}
