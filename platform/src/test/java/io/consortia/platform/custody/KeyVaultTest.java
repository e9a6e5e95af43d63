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
        KeyVault vault = new KeyVault(new MasterKey(properties(dataDir, "")));
        byte[] secret = "-----BEGIN PRIVATE KEY----- secret".getBytes(StandardCharsets.UTF_8);
        String sealed = vault.seal(secret, "row-1");
        assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(vault.open(sealed, "row-1")).isEqualTo(secret);
        assertThat(vault.seal(secret, "row-1")).as("fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void a_sealed_secret_does_not_open_in_another_row_or_under_another_master_key() {
        KeyVault vault = new KeyVault(new MasterKey(properties(dataDir, "")));
        String sealed = vault.seal(new byte[] {1, 2, 3}, "row-1");
        assertThatThrownBy(() -> vault.open(sealed, "row-2")).isInstanceOf(IllegalStateException.class);
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        KeyVault otherVault = new KeyVault(new MasterKey(properties(dataDir, other)));
        assertThatThrownBy(() -> otherVault.open(sealed, "row-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_generated_master_key_file_is_owner_only_and_reused_on_the_next_start() throws Exception {
        KeyVault first = new KeyVault(new MasterKey(properties(dataDir, "")));
        Path file = dataDir.resolve(MasterKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String sealed = first.seal(new byte[] {42}, "ctx");
        KeyVault second = new KeyVault(new MasterKey(properties(dataDir, "")));
        assertThat(second.open(sealed, "ctx")).containsExactly(42);
    }

    @Test
    void a_configured_master_key_that_is_not_32_bytes_is_refused() {
        assertThatThrownBy(() -> new MasterKey(properties(dataDir, "c2hvcnQ=")))
                .hasMessageContaining("not base64 of 32 bytes");
    }
}
