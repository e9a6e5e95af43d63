package io.consortia.deploy.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A container image tar as Jib's buildTar writes it ({@code docker save} layout: manifest.json,
 * config, layer tars; or the OCI layout: index.json, blobs/sha256/...), read the way a container
 * runtime reads it: the config names the entrypoint, environment and user; the layers, applied
 * in order (whiteouts honoured), make the root file system. Uses GNU tar, which keeps owners,
 * modes, symbolic and hard links as they are in the layers. For images we build ourselves: like
 * any unpacking as root, it trusts the layers (a symbolic link in one layer could point a later
 * layer's files outside the root file system).
 */
final class ImageTar {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final JsonNode config;
    private final List<Path> layers;

    private ImageTar(Path directory, JsonNode config, List<Path> layers) {
        this.directory = directory;
        this.config = config;
        this.layers = layers;
    }

    /** Unpacks {@code tar} (the image file) into {@code directory} and reads its manifest. */
    static ImageTar open(Path tar, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        run("tar", "-xf", tar.toString(), "-C", directory.toString());
        Path manifest = directory.resolve("manifest.json");
        if (Files.exists(manifest)) {
            JsonNode entry = JSON.readTree(manifest.toFile()).get(0);
            List<Path> layers = new ArrayList<>();
            entry.get("Layers").forEach(layer -> layers.add(directory.resolve(layer.asText())));
            return new ImageTar(directory, JSON.readTree(directory.resolve(entry.get("Config").asText()).toFile()), layers);
        }
        JsonNode index = JSON.readTree(directory.resolve("index.json").toFile());
        JsonNode imageManifest = JSON.readTree(blob(directory, index.get("manifests").get(0).get("digest").asText()).toFile());
        List<Path> layers = new ArrayList<>();
        imageManifest.get("layers").forEach(layer -> layers.add(blob(directory, layer.get("digest").asText())));
        return new ImageTar(directory, JSON.readTree(blob(directory, imageManifest.get("config").get("digest").asText()).toFile()), layers);
    }

    private static Path blob(Path directory, String digest) {
        return directory.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    /** The image config's {@code config} object: Entrypoint, Cmd, Env, User, WorkingDir, ExposedPorts. */
    JsonNode runConfig() {
        return config.get("config");
    }

    List<String> entrypoint() {
        List<String> command = new ArrayList<>();
        runConfig().path("Entrypoint").forEach(part -> command.add(part.asText()));
        return command;
    }

    List<String> environment() {
        List<String> env = new ArrayList<>();
        runConfig().path("Env").forEach(entry -> env.add(entry.asText()));
        return env;
    }

    int layerCount() {
        return layers.size();
    }

    /** Applies the layers in order into {@code rootfs}, as an overlay file system would show them. */
    void unpackInto(Path rootfs) throws IOException, InterruptedException {
        Files.createDirectories(rootfs);
        for (Path layer : layers) {
            // whiteouts first: a layer's ".wh.name" hides "name" of the layers below it,
            // ".wh..wh..opq" everything below in its directory
            for (String entry : run("tar", "-tf", layer.toString()).lines().toList()) {
                String clean = entry.startsWith("./") ? entry.substring(2) : entry;
                int slash = clean.lastIndexOf('/');
                String name = clean.substring(slash + 1);
                Path parent = rootfs.resolve(slash < 0 ? "" : clean.substring(0, slash)).normalize();
                if (!parent.startsWith(rootfs)) {
                    throw new IOException("layer entry outside the root file system: " + entry);
                }
                if (name.equals(".wh..wh..opq")) {
                    deleteChildren(parent);
                } else if (name.startsWith(".wh.")) {
                    delete(parent.resolve(name.substring(4)));
                }
            }
            run("tar", "--numeric-owner", "--same-permissions", "--exclude=.wh.*", "--exclude=*/.wh.*",
                    "-xf", layer.toString(), "-C", rootfs.toString());
        }
    }

    /**
     * Starts the entrypoint (plus {@code args}) in {@code rootfs} as a container runtime would,
     * less cgroups and networking: new mount and PID namespaces, that root with its own /proc,
     * the config's working directory (created if missing) and user, and only the environment
     * given (the image's, usually, plus what the pod would add). Output goes to {@code log}.
     * Stop it with {@link #stop}: ending unshare alone leaves the entrypoint running.
     */
    Process start(Path rootfs, List<String> args, List<String> environment, Path log) throws IOException {
        String workingDir = runConfig().path("WorkingDir").asText("/");
        Files.createDirectories(rootfs.resolve(workingDir.substring(1)));
        String user = runConfig().path("User").asText();
        if (!user.matches("[0-9]+(:[0-9]+)?")) {
            throw new IOException("not a numeric user: '" + user + "'");
        }
        String[] ids = user.split(":");
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork",
                "--root=" + rootfs, "--mount-proc=/proc", "--wd=" + workingDir,
                "--setuid=" + ids[0], "--setgid=" + (ids.length > 1 ? ids[1] : ids[0]), "--"));
        command.addAll(entrypoint());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        for (String entry : environment) {
            int eq = entry.indexOf('=');
            builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        Files.writeString(log, String.join(" ", command) + "\n");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    /**
     * Stops what {@link #start} started: SIGTERM to the entrypoint (the PID namespace's init; the
     * JVM handles it and shuts down), SIGKILL after 30 s; the init's end ends everything else in
     * its namespace. (unshare's --kill-child would not do: the parent-death signal it sets is
     * cleared by the switch to the image's user.)
     */
    static void stop(Process unshare) throws InterruptedException {
        List<ProcessHandle> inside = unshare.toHandle().descendants().toList();
        unshare.toHandle().children().forEach(ProcessHandle::destroy);
        for (ProcessHandle process : inside) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
            }
        }
        inside.forEach(ProcessHandle::destroyForcibly);
        unshare.destroy();
        if (!unshare.waitFor(30, TimeUnit.SECONDS)) {
            unshare.destroyForcibly();
        }
    }

    static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static void deleteChildren(Path dir) throws IOException, InterruptedException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.toList()) {
                    delete(child);
                }
            }
        }
    }

    private static void delete(Path path) throws IOException, InterruptedException {
        run("rm", "-rf", "--", path.toString());
    }

    /** Runs a command, returns its standard output; fails with its output when it exits non-zero. */
    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
        }
        return text;
    }
}
