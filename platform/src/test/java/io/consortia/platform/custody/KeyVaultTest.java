package io.consortia.platform.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.system.PlatformProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyVaultTest {
    @TempDir
    Path dataDir;

    private static PlatformProperties properties(Path dataDir, String masterKey) {
        return new PlatformProperties(dataDir, masterKey, "",
                new PlatformProperties.Security(java.time.Duration.ofHours(1), 1000, PlatformProperties.SignIn.defaults()),
                new PlatformProperties.Node(List.of(), 20000, 20100, java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(1), 3, "", "", java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(10)),
                new PlatformProperties.Explorer(java.time.Duration.ofSeconds(1)),
                new PlatformProperties.Gateways(8, java.time.Duration.ofMinutes(5)));
    }

    @Test
    void a_sealed_secret_opens_with_the_same_context_and_never_contains_the_plaintext() {
        KeyVault vault = new KeyVault(new MasterKey(properties(dataDir, ""), MasterKey.Custody.EMPTY));
        byte[] secret = "-----BEGIN PRIVATE KEY----- secret".getBytes(StandardCharsets.UTF_8);
        String sealed = vault.seal(secret, "row-1");
        assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(vault.open(sealed, "row-1")).isEqualTo(secret);
        assertThat(vault.seal(secret, "row-1")).as("fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void a_sealed_secret_does_not_open_in_another_row_or_under_another_master_key() {
        KeyVault vault = new KeyVault(new MasterKey(properties(dataDir, ""), MasterKey.Custody.EMPTY));
        String sealed = vault.seal(new byte[] {1, 2, 3}, "row-1");
        assertThatThrownBy(() -> vault.open(sealed, "row-2")).isInstanceOf(IllegalStateException.class);
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        KeyVault otherVault = new KeyVault(new MasterKey(properties(dataDir, other), MasterKey.Custody.EMPTY));
        assertThatThrownBy(() -> otherVault.open(sealed, "row-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_generated_master_key_file_is_owner_only_and_reused_on_the_next_start() throws Exception {
        KeyVault first = new KeyVault(new MasterKey(properties(dataDir, ""), MasterKey.Custody.EMPTY));
        Path file = dataDir.resolve(MasterKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String sealed = first.seal(new byte[] {42}, "ctx");
        KeyVault second = new KeyVault(new MasterKey(properties(dataDir, ""), MasterKey.Custody.EMPTY));
        assertThat(second.open(sealed, "ctx")).containsExactly(42);
    }

    @Test
    void a_configured_master_key_that_is_not_32_bytes_is_refused() {
        assertThatThrownBy(() -> new MasterKey(properties(dataDir, "c2hvcnQ="), MasterKey.Custody.EMPTY))
                .hasMessageContaining("not base64 of 32 bytes");
    }

    @Test
    void a_platform_whose_database_holds_sealed_keys_does_not_start_without_their_master_key() throws Exception {
        // a platform restored with --no-master-key-file and started without CONSORTIA_MASTER_KEY: a new key
        // would open none of the keys in custody, and would seal every new one under the wrong key
        String theKey = Base64.getEncoder().encodeToString(new byte[32]);
        KeyVault before = new KeyVault(new MasterKey(properties(dataDir, theKey), MasterKey.Custody.EMPTY));
        String context = KeyVault.context(1, 2, KeyPurpose.ADMIN, "admin@org2");
        MasterKey.Custody custody = () -> java.util.Optional.of(
                new MasterKey.Sealed(before.seal(new byte[] {7}, context), context, "ADMIN of admin@org2"));

        assertThatThrownBy(() -> new MasterKey(properties(dataDir, ""), custody))
                .hasMessageContaining("CONSORTIA_MASTER_KEY").hasMessageContaining(MasterKey.FILE);
        assertThat(dataDir.resolve(MasterKey.FILE)).as("no new key generated").doesNotExist();

        String another = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        assertThatThrownBy(() -> new MasterKey(properties(dataDir, another), custody))
                .hasMessageContaining("does not open").hasMessageContaining("ADMIN of admin@org2");
        Files.writeString(dataDir.resolve(MasterKey.FILE), another + "\n");
        assertThatThrownBy(() -> new MasterKey(properties(dataDir, ""), custody)).hasMessageContaining("does not open");

        assertThat(new KeyVault(new MasterKey(properties(dataDir, theKey), custody)).open(
                custody.anySealedKey().orElseThrow().sealedKey(), context)).containsExactly(7);
    }
}
