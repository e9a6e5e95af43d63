package io.consortia.platform.custody;

import org.springframework.stereotype.Component;

/**
 * Seals secrets other than custody keys (the gateway's secret keys) under the master key, with
 * the same AES-256-GCM vault. The context names the row a secret belongs to, so a sealed value
 * copied to another row does not open.
 */
@Component
public class SecretSeal {
    private final KeyVault vault;

    SecretSeal(KeyVault vault) {
        this.vault = vault;
    }

    public String seal(byte[] secret, String context) {
        return vault.seal(secret, context);
    }

    public byte[] open(String sealed, String context) {
        return vault.open(sealed, context);
    }
}
