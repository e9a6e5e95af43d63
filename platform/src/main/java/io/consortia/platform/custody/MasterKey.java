package io.consortia.platform.custody;

import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.PlatformProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The AES-256 key that seals custody keys: {@code consortia.master-key} (base64 of 32 bytes)
 * when configured, otherwise {@code <data-dir>/master.key}, generated on first start with
 * owner-only permissions (0600). Losing it makes every key in custody unreadable.
 */
@Component
class MasterKey {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE = "master.key";
    private final SecretKey key;

    /** A key in custody as sealed, with the context it is bound to and what it is, for messages. */
    record Sealed(String sealedKey, String context, String what) {}

    /** Finds some key in custody, if the database holds any. */
    interface Custody {
        Custody EMPTY = Optional::empty;

        Optional<Sealed> anySealedKey();
    }

    @Autowired
    MasterKey(PlatformProperties properties, CustodyRepository custody) {
        this(properties, (Custody) custody::anySealedKey);
    }

    /**
     * Refuses to start with a key that is not the one the keys in custody were sealed with: a key
     * generated into a data directory whose database already holds keys (restored with
     * --no-master-key-file, or master.key lost) or a wrong one given would open none of them,
     * and every key made afterwards would be sealed under it.
     */
    MasterKey(PlatformProperties properties, Custody custody) {
        Path file = properties.dataDir().resolve(FILE);
        Optional<Sealed> sealed = custody.anySealedKey();
        String source;
        byte[] bytes;
        if (!properties.masterKey().isBlank()) {
            source = "consortia.master-key (CONSORTIA_MASTER_KEY)";
            bytes = decode(properties.masterKey().strip(), "consortia.master-key");
        } else if (sealed.isPresent() && !Files.exists(file)) {
            throw new IllegalStateException("The database holds keys in custody sealed under a master key, but "
                    + "consortia.master-key (CONSORTIA_MASTER_KEY) is not set and " + file + " does not exist: give "
                    + "the master key they were sealed with (the one kept apart from the backups) in one of them. "
                    + "No new key was generated: it would open none of them");
        } else {
            source = file.toString();
            bytes = fromFile(file);
        }
        this.key = new SecretKeySpec(bytes, "AES");
        sealed.ifPresent(s -> {
            try {
                KeyVault.open(key, s.sealedKey(), s.context());
            } catch (IllegalStateException e) {
                throw new IllegalStateException("The master key from " + source + " does not open the keys in "
                        + "custody (" + s.what() + "): it is not the key they were sealed with; give that one");
            }
        });
    }

    SecretKey key() {
        return key;
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            return decode(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another start raced us; use its key
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n");
        LOG.info("Generated a new master key in {} (mode 0600); back it up, it decrypts every key in custody", file);
    }

    private static byte[] decode(String base64, String source) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            if (bytes.length != 32) {
                throw new IllegalArgumentException("length " + bytes.length);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new PlatformException(HttpStatus.INTERNAL_SERVER_ERROR, "bad-master-key",
                    "The master key from " + source + " is not base64 of 32 bytes");
        }
    }
}
