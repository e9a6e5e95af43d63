package io.consortia.platform.backup;

import io.consortia.platform.system.PlatformProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * At start, removes what backups a killed platform left half-written under {@code <data-dir>/backups}:
 * {@code *.part} archives and {@code .scratch-*} export directories (found by a tester: they stayed for
 * good, unlisted, taking space). No backup runs before the platform is ready, so none of them is in use;
 * finished backups are never touched.
 */
@Component
class BackupLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(BackupLeftovers.class);
    private final Path backups;

    BackupLeftovers(PlatformProperties properties) {
        this.backups = properties.dataDir().toAbsolutePath().normalize().resolve("backups");
    }

    @EventListener(ApplicationReadyEvent.class)
    void removeAtStart() {
        List<Path> removed = remove();
        if (!removed.isEmpty()) {
            LOG.info("Removed {} half-written backup file(s) an interrupted backup left: {}", removed.size(), removed);
        }
    }

    List<Path> remove() {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(backups)) {
            return removed;
        }
        try (Stream<Path> all = Files.walk(backups, 3)) {
            for (Path path : all.filter(BackupLeftovers::isLeftover).toList()) {
                try {
                    if (FileSystemUtils.deleteRecursively(path)) {
                        removed.add(backups.relativize(path));
                    }
                } catch (IOException e) {
                    LOG.warn("Cannot remove {} left by an interrupted backup: {}", path, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for what interrupted backups left under {}: {}", backups, e.getMessage());
        }
        return removed;
    }

    private static boolean isLeftover(Path path) {
        String name = path.getFileName().toString();
        return (name.endsWith(".tar.gz.part") && Files.isRegularFile(path))
                || (name.startsWith(".scratch-") && Files.isDirectory(path));
    }
}
