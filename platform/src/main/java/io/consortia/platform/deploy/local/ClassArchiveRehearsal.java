package io.consortia.platform.deploy.local;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.launch.SharedClassArchive;
import io.consortia.platform.deploy.NodeInstallation;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Records the nodes' class data archive before the platform's first deployment, so that the
 * first network a user deploys starts as fast as later ones: one throwaway node (its own
 * one-day CA, free loopback ports, no channel) is started with the recording options, and once
 * it serves it writes the archive and is stopped. Runs once per platform build, in the
 * background after start-up; a deployment that starts meanwhile simply runs without the archive.
 */
final class ClassArchiveRehearsal {
    private static final Logger LOG = LoggerFactory.getLogger(ClassArchiveRehearsal.class);
    private static final String NODE_ID = "class-archive-rehearsal";
    private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(90);

    private ClassArchiveRehearsal() {}

    /** Returns whether the archive was recorded. */
    static boolean run(SharedClassArchive archive, SharedClassArchive.Launch launch, String classpath,
            List<String> javaOptions, Path directory) {
        long t0 = System.nanoTime();
        Process process = null;
        Thread stopOnExit = null;
        try {
            NodeRecord node = node(directory);
            CertificateAuthority ca = CertificateAuthority.create("rehearsal", SignatureScheme.ECDSA_P256_SHA256,
                    Duration.ofDays(1));
            NodeFiles.write(node, new NodeInstallation(NODE_ID, "rehearsal",
                    ca.issue(CertificateRole.NODE, NODE_ID, Duration.ofDays(1)),
                    ca.issueTls(NODE_ID, List.of(LocalDeployer.HOST, "localhost"), Duration.ofDays(1)),
                    List.of(ca.tlsRoot())));
            List<String> options = new ArrayList<>(launch.options());
            options.addAll(javaOptions);
            process = new ProcessBuilder(NodeCommand.of(directory, options, classpath))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(directory.resolve(NodeFiles.LOG).toFile()))
                    .start();
            // the rehearsal runs on a background thread: if the platform stops meanwhile, that
            // thread dies without its finally, and the node would run on as an orphan
            Process started = process;
            stopOnExit = new Thread(started::destroyForcibly, "class-archive-rehearsal-stop");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            if (!awaitServing(process, node)) {
                LOG.info("The class archive rehearsal node did not serve; nodes start without the archive");
                return false;
            }
            boolean recorded = launch.live() && archive.dumpLive(process.pid(), launch.recording());
            process.destroy();
            if (process.waitFor(20, TimeUnit.SECONDS) && !launch.live()) {
                archive.recorded(launch.recording());
                recorded = true;
            }
            LOG.info("Class archive rehearsal {} in {} ms", recorded ? "recorded the archive" : "recorded nothing",
                    (System.nanoTime() - t0) / 1_000_000);
            return recorded;
        } catch (IOException | RuntimeException e) {
            LOG.info("The class archive rehearsal failed; nodes start without the archive: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            if (stopOnExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway; nothing to remove
                }
            }
            try {
                FileSystemUtils.deleteRecursively(directory);
            } catch (IOException e) {
                LOG.debug("Cannot delete {}: {}", directory, e.toString());
            }
        }
    }

    private static NodeRecord node(Path directory) throws IOException {
        return new NodeRecord(0, NODE_ID, 0, 0, LocalDeployer.HOST, freePort(), freePort(), freePort(),
                directory.toString(), "RUNNING", NodeStatus.STARTING, null, 0, null, System.currentTimeMillis());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean awaitServing(Process process, NodeRecord node) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + node.host() + ":" + node.metricsPort()
                + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + SERVE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        return false;
    }
}
