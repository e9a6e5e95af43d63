package io.consortia.node;

import io.consortia.node.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -cp <classpath> io.consortia.node.NodeMain --config node.yaml}: runs one node until
 * the process is stopped.
 */
@Command(name = "NodeMain", mixinStandardHelpOptions = true, version = "Consortia node 0.1.0",
        description = "Runs one Consortia blockchain node.")
public final class NodeMain implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "the node's YAML configuration file")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        Node node;
        try {
            node = Node.start(config);
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

    public static void main(String[] args) {
        int code = new CommandLine(new NodeMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
