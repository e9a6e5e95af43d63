package io.consortia.platform.deploy.local;

import io.consortia.platform.deploy.Deployers;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.system.OwnerOnly;
import io.consortia.platform.system.PlatformProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * {@code <data-dir>/local-nodes}: the configuration file of every node this platform runs on this
 * machine, one a line, for {@code ./consortia stop --all}. The script finds node processes by the
 * configuration path on their command line. Those of nodes in the data directory it finds by that
 * directory alone, but a platform restored into another data directory supervises nodes whose
 * directories are in the old one, and only the platform's database knows them.
 *
 * <p>Written when the platform is ready and again whenever the list changes (looked at every
 * supervision interval, as the supervisor looks at the nodes), and never removed: the nodes
 * outlive the platform, and the script reads the file after it has stopped the platform, or when
 * the platform was killed.
 */
@Component
class LocalNodesFile {
    private static final Logger LOG = LoggerFactory.getLogger(LocalNodesFile.class);
    static final String NAME = "local-nodes";
    private final Path file;
    private final Nodes nodes;
    private final Deployers deployers;
    private final TaskScheduler scheduler;
    private final PlatformProperties properties;
    private String written;
    private boolean warned;
    private ScheduledFuture<?> task;

    LocalNodesFile(PlatformProperties properties, Nodes nodes, Deployers deployers, TaskScheduler scheduler) {
        this.file = properties.dataDir().resolve(NAME);
        this.nodes = nodes;
        this.deployers = deployers;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        update();
        task = scheduler.scheduleWithFixedDelay(this::update, properties.node().supervisionInterval());
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void update() {
        try {
            String content = content();
            if (!content.equals(written)) {
                // whole or not at all: the script may read it at any moment, the platform be killed at any moment
                Path next = file.resolveSibling(NAME + ".next");
                OwnerOnly.writeString(next, content);
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written = content;
                warned = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!warned) { // not every round while the disk is full
                warned = true;
                LOG.warn("Cannot write {}: ./consortia stop --all finds only the nodes whose directories are in the"
                        + " data directory ({})", file, e.toString());
            }
        }
    }

    private String content() {
        StringBuilder lines = new StringBuilder("# the configuration of each local node this platform supervises,"
                + " for ./consortia stop --all (written by the platform)\n");
        for (NodeRecord node : nodes.all()) {
            if (local(node)) {
                lines.append(Path.of(node.directory()).resolve(NodeFiles.CONFIG)).append('\n');
            }
        }
        return lines.toString();
    }

    private boolean local(NodeRecord node) {
        try {
            return LocalDeployer.TARGET.equals(deployers.of(node).target());
        } catch (RuntimeException e) { // a target this platform is not configured for: not a process here
            return false;
        }
    }
}
