package io.consortia.platform.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyBundleTest {
    private final List<KeyBundle.Entry> entries = List.of(
            new KeyBundle.Entry(1, "ADMIN", "admin@org1", "CERT", "-----BEGIN PRIVATE KEY-----\nabc"));

    @Test
    void a_bundle_opens_with_its_passphrase_and_hides_the_keys_otherwise() throws Exception {
        KeyBundle bundle = KeyBundle.seal("org1", entries, "a long passphrase".toCharArray());
        assertThat(bundle.format()).isEqualTo(KeyBundle.FORMAT);
        assertThat(bundle.toString()).doesNotContain("PRIVATE KEY");
        assertThat(KeyBundle.open(bundle, "a long passphrase".toCharArray())).isEqualTo(entries);
    }

    @Test
    void a_wrong_passphrase_or_a_tampered_bundle_does_not_open() {
        KeyBundle bundle = KeyBundle.seal("org1", entries, "a long passphrase".toCharArray());
        assertThatThrownBy(() -> KeyBundle.open(bundle, "another passphrase".toCharArray()))
                .isInstanceOf(GeneralSecurityException.class);
        KeyBundle renamed = new KeyBundle(bundle.format(), "org2", bundle.kdf(), bundle.iterations(), bundle.salt(),
                bundle.nonce(), bundle.ciphertext());
        assertThatThrownBy(() -> KeyBundle.open(renamed, "a long passphrase".toCharArray()))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
