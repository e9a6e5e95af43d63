package io.consortia.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operator as its own process (a Deployment): {@code java -cp ... io.consortia.operator.OperatorMain}.
 * Talks to the cluster with in-cluster credentials (the pod's service account) or KUBECONFIG /
 * ~/.kube/config, as fabric8's client finds them, and serves /health and /metrics.
 */
@Command(mixinStandardHelpOptions = true, version = "Consortia operator 0.1.0",
        subcommands = ManifestsCommand.class,
        description = "Reconciles ConsortiaNetwork resources into the nodes' StatefulSets, Services and policies.")
public final class OperatorMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    @Option(names = "--http-port", defaultValue = "8080", description = "port of /health and /metrics (default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "0.0.0.0", description = "address of /health and /metrics (default ${DEFAULT-VALUE})")
    String httpHost;

    @Option(names = "--resync-seconds", defaultValue = "30",
            description = "reconcile every network at least this often, so its status follows the nodes (default ${DEFAULT-VALUE})")
    int resyncSeconds;

    @Option(names = "--install-crd", description = "create or update the ConsortiaNetwork CRD before starting")
    boolean installCrd;

    /**
     * The system property naming the command as its user typed it, for help and errors: the
     * {@code consortia} script sets it, so {@code ./consortia manifests --help} shows
     * "Usage: consortia manifests", not the class picocli would otherwise name.
     */
    static final String COMMAND_NAME = "consortia.command";

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, named by {@link #COMMAND_NAME}, else as it is run standalone (by its class). */
    static CommandLine commandLine() {
        return new CommandLine(new OperatorMain())
                .setCommandName(System.getProperty(COMMAND_NAME, "java " + OperatorMain.class.getName()));
    }

    @Override
    public Integer call() throws Exception {
        if (resyncSeconds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--resync-seconds must be at least 1");
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        if (installCrd) {
            ConsortiaOperator.installCrd(client);
        }
        ConsortiaOperator.Settings settings = ConsortiaOperator.Settings.defaults()
                .withResync(Duration.ofSeconds(resyncSeconds));
        ConsortiaOperator operator = ConsortiaOperator.start(client, settings);
        OperatorHttpServer http = new OperatorHttpServer(httpHost, httpPort, operator::isHealthy, settings.registry());
        LOG.info("/health and /metrics on {}:{}", httpHost, http.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            operator.close();
            client.close();
            stopped.countDown();
        }, "operator-shutdown"));
        stopped.await();
        return 0;
    }
}
