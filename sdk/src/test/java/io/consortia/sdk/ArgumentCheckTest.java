package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.TransactionInfo;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArgumentCheckTest {
    private static final Identity IDENTITY = TestIdentities.user("org1", SignatureScheme.ECDSA_P256_SHA256);

    private FakeNode node;
    private Gateway gateway;
    private Channel channel;
    private Contract contract;

    @BeforeEach
    void connect() {
        node = FakeNode.start(SignatureScheme.ECDSA_P256_SHA256);
        gateway = Gateway.newInstance().connection(node.channel).identity(IDENTITY).connect();
        channel = gateway.channel("main");
        contract = channel.contract("asset");
    }

    @AfterEach
    void close() throws Exception {
        gateway.close();
        node.close();
    }

    @Test
    void throws_NullPointerException_on_null_builder_arguments() {
        Gateway.Builder builder = Gateway.newInstance();
        assertNpe(() -> builder.identity(null), "identity");
        assertNpe(() -> builder.endpoint(null, 7051), "host");
        assertNpe(() -> builder.connection(null), "channel");
        assertNpe(() -> builder.commitTimeout(null), "commitTimeout");
        assertNpe(() -> builder.tls(null, IDENTITY.certificate(), null), "trustedRoots");
        assertNpe(() -> builder.tls(List.of(IDENTITY.certificate()), null, null), "clientCertificate");
        assertNpe(() -> AdminClient.newInstance().timeout(null), "timeout");
    }

    @Test
    void throws_NullPointerException_on_null_channel_and_contract_names() {
        assertNpe(() -> gateway.channel(null), "name");
        assertNpe(() -> channel.contract(null), "name");
    }

    @Test
    void throws_NullPointerException_on_null_transaction_function_name() {
        assertNpe(() -> contract.submit(null, "a"), "function");
        assertNpe(() -> contract.submitAsync(null), "function");
        assertNpe(() -> contract.evaluate(null, new byte[0]), "function");
    }

    @Test
    void throws_NullPointerException_on_a_null_argument_naming_its_position() {
        assertNpe(() -> contract.submit("create", "a", null), "args[1]");
        assertNpe(() -> channel.newTransaction("asset", "create", new byte[][] {null}), "args[0]");
    }

    @Test
    void throws_NullPointerException_on_null_channel_arguments() {
        assertNpe(() -> channel.transaction(null), "transactionId");
        assertNpe(() -> channel.blockByHash(null), "hash");
        assertNpe(() -> channel.subscribeBlocks(0, null), "consumer");
        assertNpe(() -> channel.submit(null), "transaction");
        assertNpe(() -> channel.submitAll(null, true), "transactions");
        assertNpe(() -> channel.newTransaction(null, "f"), "contract");
    }

    @Test
    void throws_NullPointerException_on_null_proof_verifier_arguments() {
        assertNpe(() -> ProofVerifier.verify(null, SignatureScheme.ECDSA_P256_SHA256.hash()), "info");
        assertNpe(() -> ProofVerifier.verify(TransactionInfo.getDefaultInstance(), null), "hash");
        assertNpe(() -> ProofVerifier.verifyNotarization(TransactionInfo.getDefaultInstance(), null,
                SignatureScheme.ECDSA_P256_SHA256.hash()), "documentHash");
    }

    @Test
    void throws_NullPointerException_on_null_identity_parts() {
        assertNpe(() -> Identity.of(null, IDENTITY.certificate(), null), "organization");
        assertNpe(() -> Identity.of("org1", null, null), "certificate");
        assertNpe(() -> Identity.of("org1", IDENTITY.certificate(), null), "privateKey");
    }

    @Test
    void rejects_a_gateway_without_identity_or_transport_choice() {
        assertThatThrownBy(() -> Gateway.newInstance().connection(node.channel).connect())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("identity");
        assertThatThrownBy(() -> Gateway.newInstance().endpoint("localhost", 7051).identity(IDENTITY).connect())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plaintext");
        assertThatThrownBy(() -> Gateway.newInstance().endpoint("localhost", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertNpe(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(name);
    }
}
