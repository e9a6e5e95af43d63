package io.consortia.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PublicKey;
import org.junit.jupiter.api.Test;

class PublicKeyCacheTest {
    @Test
    void cache_stays_within_its_bound_and_keeps_converting_correctly() {
        PublicKeyCache cache = new PublicKeyCache(Bc.P256_DOMAIN, 3);
        for (int i = 0; i < 10; i++) {
            PublicKey key = SignatureScheme.ECDSA_P256_SHA256.generateKeyPair().getPublic();
            assertThat(cache.get(key)).isNotNull();
            assertThat(cache.get(key)).isSameAs(cache.get(key));
            assertThat(cache.size()).isBetween(1, 3);
        }
    }

    @Test
    void key_of_another_curve_is_neither_converted_nor_cached() {
        PublicKeyCache cache = new PublicKeyCache(Bc.P256_DOMAIN);
        assertThat(cache.get(SignatureScheme.SM2_SM3.generateKeyPair().getPublic())).isNull();
        assertThat(cache.size()).isZero();
    }
}
