package io.consortia.platform.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import io.consortia.platform.system.OwnerOnly;
import io.consortia.platform.system.PlatformProperties;
import org.springframework.stereotype.Component;

/**
 * {@code <data-dir>/platform.pid}: the running platform's process id, for
 * {@code ./consortia stop --all}, which stops the platform and then the local node processes it
 * started (hence here, with the local deployer). Written
 * when the platform is ready, removed when it stops (if it is still this process's).
 */
@Component
class PidFile {
    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);
    static final String NAME = "platform.pid";
    private final Path file;
    private final String pid = Long.toString(ProcessHandle.current().pid());

    PidFile(PlatformProperties properties) {
        this.file = properties.dataDir().resolve(NAME);
    }

    @EventListener(ApplicationReadyEvent.class)
    void write() {
        try {
            OwnerOnly.writeString(file, pid + "\n");
        } catch (IOException e) {
            LOG.warn("Cannot write {}: ./consortia stop --all will not find the platform ({})", file, e.getMessage());
        }
    }

    @EventListener(ContextClosedEvent.class)
    void remove() {
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).strip().equals(pid)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            LOG.debug("Cannot remove {}", file, e);
        }
    }
}
