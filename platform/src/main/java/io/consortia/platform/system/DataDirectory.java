package io.consortia.platform.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;

/**
 * Keeps the data directory private to the platform's user: it holds the H2 database (users'
 * password hashes, sealed custody keys), {@code master.key} and the nodes' keys and ledgers.
 * Before any bean is created (so before H2 opens its file) the directory is created, or made,
 * owner-only (0700); once the platform is ready, and every 30 s after, every file below it is
 * made 0600 (an executable keeps its owner's execute bit) and every directory 0700, which covers
 * the files H2, the node runtime and node processes create with the process umask. Between
 * two sweeps such a file is unreachable to others already, through the 0700 directory.
 * On file systems without POSIX permissions this does nothing.
 *
 * <p>A bean factory post-processor because it must run before the data source exists; it is
 * also the listener that tightens once the platform is ready.
 */
@org.springframework.stereotype.Component
final class DataDirectory implements BeanFactoryPostProcessor, EnvironmentAware, Ordered,
        ApplicationListener<ApplicationReadyEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    static final java.time.Duration SWEEP_INTERVAL = java.time.Duration.ofSeconds(30);
    private Path dataDir;

    @Override
    public void setEnvironment(Environment environment) {
        dataDir = Binder.get(environment).bind("consortia.data-dir", Path.class).orElse(Path.of("./data"));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        try {
            Files.createDirectories(dataDir);
            ownerOnly(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        tighten(dataDir);
        // what is created later with the process umask (H2's trace file, the node runtime copied
        // out, nodes' files) is already out of others' reach through the directory; tidy it too
        event.getApplicationContext().getBean(TaskScheduler.class)
                .scheduleWithFixedDelay(() -> tighten(dataDir), SWEEP_INTERVAL);
    }

    /** Makes every file below {@code root} 0600 (keeping the owner's execute bit) and every directory 0700. */
    static void tighten(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    ownerOnly(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()) {
                        ownerOnly(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed meanwhile (a node's RocksDB compacting)
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not make every file in {} owner-only: {}", root, e.getMessage());
        }
    }

    /** Removes group and other permissions; a directory becomes exactly 0700. */
    static void ownerOnly(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return; // no POSIX permissions here (Windows)
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            view.setPermissions(DIRECTORY);
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.removeAll(OTHERS)) {
            view.setPermissions(permissions);
        }
    }
}
