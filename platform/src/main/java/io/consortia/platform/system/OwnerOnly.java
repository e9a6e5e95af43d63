package io.consortia.platform.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories only their owner may read: the data directory and what the platform
 * writes that holds secrets elsewhere (a downloaded backup). Created so from the start, where
 * the platform creates them, because the process umask (often 022) would leave them readable by
 * every local user until something tightens them. On file systems without POSIX permissions
 * (Windows) the permissions are left as they are.
 */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {}

    /** Like {@link Files#createDirectories}, but each directory it creates is 0700 (existing ones are left). */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            } // else created meanwhile by another thread
        }
        restrict(absolute); // the umask may have taken bits off, never added: 0700 exactly
        return dir;
    }

    /**
     * A stream that writes {@code file} from its start, created 0600 if absent; an existing file
     * is made owner-only before a byte is written into it.
     */
    public static OutputStream newOutputStream(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            restrict(file);
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions here: the stream below creates it
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /** Writes {@code content} into {@code file} (0600), replacing what it held. */
    public static void writeString(Path file, String content) throws IOException {
        try (OutputStream out = newOutputStream(file)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Removes group and other permissions; a directory becomes exactly 0700. */
    public static void restrict(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;
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

    /**
     * Makes every file below {@code root} 0600 (keeping the owner's execute bit) and every
     * directory 0700. Entries that vanish meanwhile (a node's RocksDB compacting, Raft closing a
     * log segment, the class-archive rehearsal's throwaway nodes) are passed over: one of them
     * used to end the whole walk, and what came after it in the walk stayed as it was.
     */
    public static void tighten(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        int[] failed = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return apply(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        apply(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    return FileVisitResult.CONTINUE; // it vanished while being listed
                }

                private boolean apply(Path path) {
                    try {
                        restrict(path);
                        return true;
                    } catch (NoSuchFileException e) {
                        return false;
                    } catch (IOException e) {
                        if (failed[0]++ == 0) {
                            LOG.warn("Could not make {} owner-only: {}", path, e.toString());
                        }
                        return false;
                    }
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not make every file in {} owner-only: {}", root, e.getMessage());
        }
    }
}
