package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway answers a contract's return value intact: the exact bytes, and JSON or text only when it is UTF-8. */
class GatewayResultsTest {
    private static final byte[] NOT_UTF8 = {(byte) 0xFF, (byte) 0xFE, 0, 'A'};

    @Test
    void a_submitted_calls_bytes_that_are_not_utf8_come_back_exactly() {
        GatewayController.Outcome outcome = GatewayController.outcome(committed(NOT_UTF8));

        assertThat(outcome.result()).isNull();
        assertThat(Base64.getDecoder().decode(outcome.resultBase64())).containsExactly(NOT_UTF8);
    }

    @Test
    void an_evaluated_calls_bytes_that_are_not_utf8_come_back_exactly() {
        Map<String, Object> answer = GatewayController.evaluated(NOT_UTF8);

        assertThat(answer.get("result")).isNull();
        assertThat(Base64.getDecoder().decode((String) answer.get("resultBase64"))).containsExactly(NOT_UTF8);
    }

    @Test
    void json_is_still_given_as_json_beside_its_bytes() {
        byte[] json = "{\"owner\":\"org1/carol\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(GatewayController.outcome(committed(json)).result()).isEqualTo(Map.of("owner", "org1/carol"));
        assertThat(GatewayController.evaluated(json)).containsEntry("result", Map.of("owner", "org1/carol"))
                .containsEntry("resultBase64", Base64.getEncoder().encodeToString(json));
    }

    @Test
    void a_call_refused_before_ordering_has_no_block_number_and_one_refused_in_a_block_has_its_block() {
        SubmitResponse refused = SubmitResponse.newBuilder().setTransactionId("t2").setStatus(TransactionStatus.REJECTED)
                .setCode(ValidationCode.UNKNOWN_FUNCTION).setReason("no function ghost").build();
        SubmitResponse waiting = SubmitResponse.newBuilder().setTransactionId("t3").setStatus(TransactionStatus.ACCEPTED)
                .setCode(ValidationCode.VALID).build();
        SubmitResponse rejectedInBlock = SubmitResponse.newBuilder().setTransactionId("t4")
                .setStatus(TransactionStatus.COMMITTED).setCode(ValidationCode.CONTRACT_REJECTED).setBlockNumber(7).build();
        SubmitResponse inBlockZero = SubmitResponse.newBuilder().setTransactionId("t5")
                .setStatus(TransactionStatus.COMMITTED).setCode(ValidationCode.VALID).build();

        assertThat(GatewayController.outcome(refused).blockNumber()).as("refused before ordering: in no block").isNull();
        assertThat(GatewayController.outcome(waiting).blockNumber()).as("not in a block yet").isNull();
        assertThat(GatewayController.outcome(rejectedInBlock).blockNumber()).isEqualTo(7L);
        assertThat(GatewayController.outcome(inBlockZero).blockNumber()).isEqualTo(0L);
    }

    private static SubmitResponse committed(byte[] result) {
        return SubmitResponse.newBuilder().setTransactionId("t1").setStatus(TransactionStatus.COMMITTED)
                .setCode(ValidationCode.VALID).setBlockNumber(3).setResult(ByteString.copyFrom(result)).build();
    }
}
