package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Transaction;
import org.junit.jupiter.api.Test;

class SmTransactionTest {

    @Test
    void an_SM2_identity_signs_verifiably_and_derives_ids_with_SM3() throws Exception {
        Identity identity = TestIdentities.user("org1", SignatureScheme.SM2_SM3);
        try (FakeNode node = FakeNode.start(SignatureScheme.SM2_SM3);
                Gateway gateway = Gateway.newInstance().connection(node.channel).identity(identity).connect()) {
            Channel channel = gateway.channel(FakeNode.CHANNEL);
            Transaction transaction = channel.newTransaction("asset", "create", "a");

            SubmitResult result = channel.submit(transaction);

            assertThat(result.transactionId())
                    .isEqualTo(Hashes.hex(Hashes.sm3().digest(transaction.getPayload().toByteArray())));
        }
    }
}
