package io.consortia.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.SignatureScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./consortia up} writes its network through {@link MiniNetwork}, which writes the
 * organisations' and nodes' files with {@link NodeFiles}: every private key must be 0600 and
 * every directory above it 0700, whatever the umask (the build's is usually 022, which left
 * them 0644 and 0755). In this package because NodeFiles is the testkit's own.
 */
class UpLayoutPermissionsTest {
    @TempDir
    Path temp;

    @Test
    void every_key_is_owner_only_and_so_are_its_directories() throws Exception {
        Path base = temp.resolve(".consortia").resolve("network");
        Duration validity = Duration.ofDays(1);
        Organization org1 = Organization.create("org1", SignatureScheme.ECDSA_P256_SHA256, validity);
        Organization org2 = Organization.create("org2", SignatureScheme.ECDSA_P256_SHA256, validity);
        List<X509Certificate> roots = List.of(org1.ca().tlsRoot(), org2.ca().tlsRoot());

        // what MiniNetwork does for `up`: the organisations, then each node's directory
        NodeFiles.writeOrganizations(base, List.of(org1, org2), roots);
        NodeFiles.write(NodeLayout.allocate("org1-node0", "org1", base), org1, roots, validity);
        NodeFiles.write(NodeLayout.allocate("org2-node0", "org2", base), org2, roots, validity);
        // a node's files are replaced when its certificates are renewed: still owner-only
        NodeFiles.writeCredentials(NodeLayout.allocate("org1-node0", "org1", base), org1, validity);

        List<Path> keys;
        try (Stream<Path> files = Files.walk(base)) {
            keys = files.filter(f -> f.getFileName().toString().endsWith(".key")).toList();
        }
        assertThat(keys).extracting(k -> base.relativize(k).toString()).containsExactlyInAnyOrder(
                "orgs/org1/admin.key", "orgs/org1/user.key", "orgs/org1/client-tls.key",
                "orgs/org2/admin.key", "orgs/org2/user.key", "orgs/org2/client-tls.key",
                "org1-node0/node.key", "org1-node0/tls.key", "org2-node0/node.key", "org2-node0/tls.key");
        for (Path key : keys) {
            assertThat(mode(key)).as(base.relativize(key).toString()).isEqualTo("rw-------");
            for (Path dir = key.getParent(); !dir.equals(temp); dir = dir.getParent()) {
                assertThat(mode(dir)).as(temp.relativize(dir).toString()).isEqualTo("rwx------");
            }
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
