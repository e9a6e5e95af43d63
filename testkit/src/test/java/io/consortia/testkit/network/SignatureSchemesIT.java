package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.Certificates;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.Subscription;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both signature schemes end to end: certificates, signing, verification, hashing, proofs, contracts. */
class SignatureSchemesIT {

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void notarization_asset_transfer_and_tokens_work_end_to_end(SignatureScheme scheme) {
        try (MiniNetwork network = MiniNetwork.builder().organizations(2).scheme(scheme).channel("main").start()) {
            assertThat(network.identity("org1").certificate().getSigAlgName())
                    .containsIgnoringCase(scheme == SignatureScheme.SM2_SM3 ? "SM3" : "SHA256");
            Channel org1 = network.gateway(network.nodes().get(0), "org1").channel("main");
            Channel org2 = network.gateway(network.nodes().get(1), "org2").channel("main");
            List<Block> streamed = new CopyOnWriteArrayList<>();
            try (Subscription subscription = org2.subscribeBlocks(0, streamed::add)) {
                String doc = Hashes.hex(scheme.hash().digest("contract.pdf".getBytes()));
                SubmitResult notarized = org1.contract("notarization").submit("record", doc, "loan contract");
                network.awaitHeight(notarized.blockNumber() + 1);

                TransactionInfo info = org2.transaction(notarized.transactionId());
                assertThat(ProofVerifier.verifyNotarization(info, doc, scheme.hash())).isTrue();
                assertThat(info.getTransaction().getTransactionId())
                        .isEqualTo(Hashes.hex(scheme.hash().digest(info.getTransaction().getTransaction()
                                .getPayload().toByteArray())));
                assertThat(new String(org2.contract("notarization").evaluate("get", doc))).contains("loan contract");

                org1.contract("asset").submit("create", "bond-1", "a bond", "1000");
                assertThatThrownBy(() -> org2.contract("asset").submit("transfer", "bond-1", "org2"))
                        .isInstanceOfSatisfying(CommitException.class,
                                e -> assertThat(e.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED));
                SubmitResult moved = org1.contract("asset").submit("transfer", "bond-1", "org2");
                network.awaitHeight(moved.blockNumber() + 1);
                String history = new String(org2.contract("asset").evaluate("history", "bond-1"));
                assertThat(history).contains("org1").contains("org2");

                String org2Account = new String(org2.contract("token").evaluate("account"));
                assertThat(org2Account).isEqualTo("{\"account\":\"org2/" + Certificates.commonName(network.identity("org2").certificate()) + "\"}");
                org1.contract("token").submit("create", "PTS", "loyalty points", "100");
                SubmitResult paid = org1.contract("token").submit("transfer", "PTS", account(org2Account), "40");
                assertThatThrownBy(() -> org2.contract("token").submit("transfer", "PTS", "org1/anyone", "41"))
                        .isInstanceOfSatisfying(CommitException.class,
                                e -> assertThat(e.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED));
                network.awaitHeight(paid.blockNumber() + 1);
                // both nodes executed the same transfers to the same balances
                for (Channel reader : List.of(org1, org2)) {
                    assertThat(new String(reader.contract("token").evaluate("balance", "PTS", account(org2Account))))
                            .contains("\"balance\":40");
                    assertThat(new String(reader.contract("token").evaluate("info", "PTS"))).contains("\"totalSupply\":100");
                }

                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> streamed.size() >= moved.blockNumber() + 1);
                assertThat(streamed).extracting(b -> b.getHeader().getNumber())
                        .startsWith(0L, 1L).doesNotHaveDuplicates();
            }
            assertThat(Certificates.organization(network.identity("org2").certificate())).isEqualTo("org2");
        }
    }

    private static String account(String accountJson) {
        return accountJson.replaceAll("^\\{\"account\":\"(.*)\"}$", "$1");
    }
}
