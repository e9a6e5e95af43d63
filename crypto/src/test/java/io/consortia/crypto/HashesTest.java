package io.consortia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sha256_matches_the_fips_test_vector() {
        assertThat(Hashes.hex(Hashes.sha256().digest(ABC)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sm3_matches_the_standard_test_vector() {
        assertThat(Hashes.hex(Hashes.sm3().digest(ABC)))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void digest_of_parts_equals_digest_of_concatenation() {
        for (HashFunction h : new HashFunction[] {Hashes.sha256(), Hashes.sm3()}) {
            assertThat(h.digest(new byte[] {'a'}, new byte[0], new byte[] {'b', 'c'})).isEqualTo(h.digest(ABC));
            assertThat(h.length()).isEqualTo(32);
        }
    }

    @Test
    void for_name_finds_both_hashes_and_rejects_others() {
        assertThat(Hashes.forName("SHA-256")).isSameAs(Hashes.sha256());
        assertThat(Hashes.forName("sm3")).isSameAs(Hashes.sm3());
        assertThat(Hashes.forName("SM3").name()).isEqualTo("SM3");
        assertThatThrownBy(() -> Hashes.forName("MD5")).isInstanceOf(CryptoException.class);
    }

    @Test
    void hex_round_trips() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(Hashes.fromHex(Hashes.hex(all))).isEqualTo(all);
        assertThat(Hashes.fromHex("00FFab")).containsExactly(0x00, 0xff, 0xab);
        assertThat(Hashes.hex(new byte[0])).isEmpty();
    }

    @Test
    void bad_hex_is_rejected() {
        assertThatThrownBy(() -> Hashes.fromHex("abc")).isInstanceOf(CryptoException.class).hasMessageContaining("odd");
        assertThatThrownBy(() -> Hashes.fromHex("zz")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Hashes.fromHex("0x12")).isInstanceOf(CryptoException.class);
    }
}
