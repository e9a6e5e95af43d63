package io.consortia.cli;

import io.consortia.node.config.NodeConfig;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.NodeStatus;
import io.consortia.sdk.AdminClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One line per node and channel: height, Raft role, leader and term — or why the node does not answer. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show every node of the local network.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "the network's directory (default .consortia/network)")
    Path dir = LocalNetwork.DEFAULT_DIR;

    @Override
    public Integer call() {
        LocalNetwork network = new LocalNetwork(dir);
        int down = 0;
        System.out.printf("%-12s %-8s %-8s %8s %-10s %-12s %5s%n", "NODE", "ORG", "CHANNEL", "HEIGHT", "ROLE",
                "LEADER", "TERM");
        for (NodeConfig node : network.nodes()) {
            try (AdminClient admin = network.admin(node)) {
                NodeStatus status = admin.status();
                for (ChannelStatus c : status.getChannelsList()) {
                    System.out.printf("%-12s %-8s %-8s %8d %-10s %-12s %5d%n", node.nodeId(), node.organization(),
                            c.getName(), c.getHeight(), c.getRaftRole(), c.getRaftLeader(), c.getRaftTerm());
                }
            } catch (RuntimeException e) {
                down++;
                System.out.printf("%-12s %-8s DOWN: %s (log: %s)%n", node.nodeId(), node.organization(),
                        e.getMessage(), node.dataDir().getParent().resolve("node.log"));
            }
        }
        return down == 0 ? 0 : 1;
    }
}
