package io.consortia.node;

import io.consortia.node.backup.BackupException;
import io.consortia.node.backup.BackupManifest;
import io.consortia.node.backup.NodeRestore;
import io.consortia.node.backup.RestoreStage;
import io.consortia.node.config.ConfigException;
import io.consortia.node.config.NodeConfig;
import io.consortia.node.config.NodeConfigLoader;
import io.consortia.node.launch.CompilerDirectives;
import io.consortia.node.launch.NodeLogging;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -cp <classpath> io.consortia.node.NodeMain --config node.yaml}: runs one node until
 * the process is stopped. With {@code --restore backup.tar.gz [--sha256 HEX]} it restores the
 * stopped node's channels from a backup instead and exits (see {@link NodeRestore}).
 */
@Command(name = "NodeMain", mixinStandardHelpOptions = true, version = "Consortia node 0.1.0",
        description = "Runs one Consortia blockchain node.")
public final class NodeMain implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "the node's YAML configuration file")
    Path config;

    @Option(names = "--restore", paramLabel = "ARCHIVE",
            description = "restore the (stopped) node's channels from this backup archive and exit")
    Path restore;

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "the archive's SHA-256 as the backup reported it (default: read from ARCHIVE.sha256)")
    String sha256;

    @Override
    public Integer call() throws InterruptedException {
        if (restore != null) {
            return restore();
        }
        if (sha256 != null) {
            System.err.println("consortia-node: --sha256 goes with --restore");
            return 2;
        }
        Node node;
        try {
            // before the node's code gets hot, so that C2 does not start on what it may not compile
            String compilers = CompilerDirectives.install(CompilerDirectives.Mode.of(
                    System.getProperty(CompilerDirectives.PROPERTY)));
            node = Node.start(config);
            LoggerFactory.getLogger(NodeMain.class).info("compilers: {}", compilers);
        } catch (ConfigException e) {
            System.err.println("consortia-node: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private int restore() {
        try {
            NodeConfig nodeConfig = NodeConfigLoader.load(config);
            NodeRestore.Result result = NodeRestore.restore(nodeConfig, restore, sha256);
            if (RestoreStage.discard(nodeConfig)) {
                System.out.println("a restore staged through the node's admin API was waiting: discarded, since this"
                        + " restore is the later one");
            }
            for (BackupManifest.ChannelEntry c : result.manifest().channels()) {
                System.out.printf("restored channel %s at height %d (applied index %d); it catches up from its peers"
                        + " when the node starts%n", c.name(), c.height(), c.appliedIndex());
            }
            return 0;
        } catch (ConfigException | BackupException e) {
            System.err.println("consortia-node: " + e.getMessage());
            return 2;
        }
    }

    public static void main(String[] args) {
        NodeLogging.useDefaultsIfUnconfigured();
        int code = new CommandLine(new NodeMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
