package io.consortia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureSchemeTest {
    private static final byte[] MESSAGE = "transfer 10 units to bob".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void signature_verifies_with_the_signers_public_key(SignatureScheme scheme) {
        KeyPair keys = scheme.generateKeyPair();
        Signer signer = scheme.signer(keys.getPrivate());
        assertThat(signer.scheme()).isEqualTo(scheme);
        assertThat(signer.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        byte[] signature = signer.sign(MESSAGE);
        assertThat(scheme.verify(keys.getPublic(), MESSAGE, signature)).isTrue();
        assertThat(scheme.verify(signer.publicKey(), MESSAGE, signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void tampered_message_or_signature_does_not_verify(SignatureScheme scheme) {
        KeyPair keys = scheme.generateKeyPair();
        byte[] signature = scheme.signer(keys.getPrivate()).sign(MESSAGE);
        byte[] otherMessage = MESSAGE.clone();
        otherMessage[0] ^= 1;
        assertThat(scheme.verify(keys.getPublic(), otherMessage, signature)).isFalse();
        for (int i = 0; i < signature.length; i++) {
            byte[] tampered = signature.clone();
            tampered[i] ^= 0x10;
            assertThat(scheme.verify(keys.getPublic(), MESSAGE, tampered)).as("byte %d flipped", i).isFalse();
        }
        assertThat(scheme.verify(scheme.generateKeyPair().getPublic(), MESSAGE, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void garbage_signature_returns_false_without_throwing(SignatureScheme scheme) {
        KeyPair keys = scheme.generateKeyPair();
        byte[] signature = scheme.signer(keys.getPrivate()).sign(MESSAGE);
        Random random = new Random(42);
        for (int length : new int[] {0, 1, 8, 64, 70, 72, 200}) {
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            assertThat(scheme.verify(keys.getPublic(), MESSAGE, garbage)).isFalse();
        }
        assertThat(scheme.verify(keys.getPublic(), MESSAGE, null)).isFalse();
        assertThat(scheme.verify(keys.getPublic(), MESSAGE, Arrays.copyOf(signature, signature.length + 1))).isFalse();
        assertThat(scheme.verify(keys.getPublic(), MESSAGE, Arrays.copyOf(signature, signature.length - 1))).isFalse();
        assertThat(scheme.verify(keys.getPublic(), MESSAGE, new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}))
                .isFalse();
    }

    @Test
    void key_of_the_other_scheme_does_not_verify_and_cannot_sign() {
        KeyPair sm2 = SignatureScheme.SM2_SM3.generateKeyPair();
        byte[] signature = SignatureScheme.SM2_SM3.signer(sm2.getPrivate()).sign(MESSAGE);
        assertThat(SignatureScheme.ECDSA_P256_SHA256.verify(sm2.getPublic(), MESSAGE, signature)).isFalse();
        assertThatThrownBy(() -> SignatureScheme.ECDSA_P256_SHA256.signer(sm2.getPrivate()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void ecdsa_signature_made_by_jca_verifies() throws Exception {
        KeyPair keys = SignatureScheme.ECDSA_P256_SHA256.generateKeyPair();
        for (Signature jca : new Signature[] {
                Signature.getInstance("SHA256withECDSA", Bc.PROVIDER), Signature.getInstance("SHA256withECDSA")}) {
            jca.initSign(keys.getPrivate());
            jca.update(MESSAGE);
            byte[] signature = jca.sign();
            assertThat(SignatureScheme.ECDSA_P256_SHA256.verify(keys.getPublic(), MESSAGE, signature))
                    .as(jca.getProvider().getName()).isTrue();
        }
    }

    @Test
    void ecdsa_signature_verifies_with_jca_including_jdk_keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair jdkKeys = generator.generateKeyPair();
        byte[] signature = SignatureScheme.ECDSA_P256_SHA256.signer(jdkKeys.getPrivate()).sign(MESSAGE);
        Signature jca = Signature.getInstance("SHA256withECDSA");
        jca.initVerify(jdkKeys.getPublic());
        jca.update(MESSAGE);
        assertThat(jca.verify(signature)).isTrue();
        assertThat(SignatureScheme.ECDSA_P256_SHA256.verify(jdkKeys.getPublic(), MESSAGE, signature)).isTrue();
    }

    @Test
    void sm2_signature_made_by_jca_verifies() throws Exception {
        KeyPair keys = SignatureScheme.SM2_SM3.generateKeyPair();
        Signature jca = Signature.getInstance("SM3withSM2", Bc.PROVIDER);
        jca.initSign(keys.getPrivate());
        jca.update(MESSAGE);
        assertThat(SignatureScheme.SM2_SM3.verify(keys.getPublic(), MESSAGE, jca.sign())).isTrue();
    }

    @Test
    void sm2_signature_verifies_with_jca() throws Exception {
        KeyPair keys = SignatureScheme.SM2_SM3.generateKeyPair();
        byte[] signature = SignatureScheme.SM2_SM3.signer(keys.getPrivate()).sign(MESSAGE);
        Signature jca = Signature.getInstance("SM3withSM2", Bc.PROVIDER);
        jca.initVerify(keys.getPublic());
        jca.update(MESSAGE);
        assertThat(jca.verify(signature)).isTrue();
    }

    @Test
    void ecdsa_signatures_are_deterministic() {
        KeyPair keys = SignatureScheme.ECDSA_P256_SHA256.generateKeyPair();
        Signer signer = SignatureScheme.ECDSA_P256_SHA256.signer(keys.getPrivate());
        assertThat(signer.sign(MESSAGE)).isEqualTo(signer.sign(MESSAGE));
    }

    @Test
    void scheme_hash_and_certificate_algorithm_match() {
        assertThat(SignatureScheme.ECDSA_P256_SHA256.hash()).isSameAs(Hashes.sha256());
        assertThat(SignatureScheme.SM2_SM3.hash()).isSameAs(Hashes.sm3());
    }

    @Test
    void verification_is_correct_from_many_threads_at_once() throws Exception {
        KeyPair[] keys = {SignatureScheme.SM2_SM3.generateKeyPair(), SignatureScheme.SM2_SM3.generateKeyPair()};
        byte[][] signatures = {
            SignatureScheme.SM2_SM3.signer(keys[0].getPrivate()).sign(MESSAGE),
            SignatureScheme.SM2_SM3.signer(keys[1].getPrivate()).sign(MESSAGE)
        };
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int k = t % 2;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    if (!SignatureScheme.SM2_SM3.verify(keys[k].getPublic(), MESSAGE, signatures[k])
                            || SignatureScheme.SM2_SM3.verify(keys[1 - k].getPublic(), MESSAGE, signatures[k])) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong.get()).isZero();
    }
}
