package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * A key limited to some contracts reads only their data: a recorded transaction of another contract
 * is refused as a call of it is, and a block shows it only its contracts' transactions.
 */
class GatewayReadScopeTest {
    private static final AccessKey SCOPED = key(List.of("records", "misc"));
    private static final AccessKey EVERY = key(List.of("*"));

    @Test
    void a_transaction_of_another_contract_is_out_of_scope_naming_the_contract() {
        assertThatThrownBy(() -> GatewayService.requireReadable(SCOPED, "ab".repeat(32), "notarization"))
                .isInstanceOfSatisfying(GatewayRefusal.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(refusal.type()).isEqualTo("gateway-out-of-scope");
                    assertThat(refusal.getMessage()).isEqualTo("Access key AKTEST may not read transaction "
                            + "ab".repeat(32) + ": it calls contract notarization (its contracts: records, misc)");
                });
        assertThatCode(() -> GatewayService.requireReadable(SCOPED, "cd".repeat(32), "records"))
                .doesNotThrowAnyException();
        assertThatCode(() -> GatewayService.requireReadable(EVERY, "ab".repeat(32), "notarization"))
                .doesNotThrowAnyException();
    }

    @Test
    void a_block_shows_a_scoped_key_only_its_contracts_transactions_and_counts_the_others() {
        Block block = block("notarization", "records", "_config", "misc");

        Map<String, Object> scoped = GatewayController.block(block, SCOPED);

        assertThat(scoped.get("transactionCount")).isEqualTo(4);
        assertThat(scoped.get("transactionsOutOfScope")).isEqualTo(2);
        assertThat(contracts(scoped)).containsExactly("records", "misc");

        Map<String, Object> whole = GatewayController.block(block, EVERY);
        assertThat(whole.get("transactionsOutOfScope")).isEqualTo(0);
        assertThat(contracts(whole)).containsExactly("notarization", "records", "_config", "misc");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> contracts(Map<String, Object> view) {
        return ((List<Map<String, Object>>) view.get("transactions")).stream().map(t -> t.get("contract")).toList();
    }

    private static Block block(String... contracts) {
        Block.Builder block = Block.newBuilder().setHeader(BlockHeader.newBuilder().setChannel("main").setNumber(7)
                .setTransactionCount(contracts.length)).setHash(ByteString.copyFrom(new byte[32]));
        for (int i = 0; i < contracts.length; i++) {
            TransactionPayload payload = TransactionPayload.newBuilder().setChannel("main")
                    .setCreator(Creator.newBuilder().setOrganization("org1")).setContract(contracts[i])
                    .setFunction("put").build();
            block.addTransactions(BlockTransaction.newBuilder()
                    .setTransaction(Transaction.newBuilder().setPayload(payload.toByteString()))
                    .setTransactionId(Integer.toString(i).repeat(64)).setCode(ValidationCode.VALID));
        }
        return block.build();
    }

    private static AccessKey key(List<String> contracts) {
        return new AccessKey(1, 1, "AKTEST", List.of("main"), contracts, List.of("*"), 100, Long.MAX_VALUE, null,
                null, "alice", 0, null);
    }
}
