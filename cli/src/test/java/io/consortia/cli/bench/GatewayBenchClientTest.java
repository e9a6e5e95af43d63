package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's answer to a request of many calls, read as the recorder counts node answers. */
class GatewayBenchClientTest {
    @Test
    void outcomesAreCountedAsTheNodesAnswersWouldBe() {
        List<SubmitResponse> outcomes = GatewayBenchClient.outcomes("""
                {"count":3,"valid":1,"transactions":[
                 {"transactionId":"aa","status":"COMMITTED","code":"VALID","reason":"","blockNumber":7,"result":null},
                 {"transactionId":"bb","status":"REJECTED","code":"DUPLICATE_TRANSACTION_ID","reason":"again","blockNumber":0},
                 {"transactionId":"cc","status":"SOMETHING_NEW","code":"NOT_A_CODE","reason":"?","blockNumber":0}]}
                """);

        assertThat(outcomes).extracting(SubmitResponse::getStatus).containsExactly(TransactionStatus.COMMITTED,
                TransactionStatus.REJECTED, TransactionStatus.TRANSACTION_STATUS_UNSPECIFIED);
        assertThat(outcomes).extracting(SubmitResponse::getCode).containsExactly(ValidationCode.VALID,
                ValidationCode.DUPLICATE_TRANSACTION_ID, ValidationCode.VALIDATION_CODE_UNSPECIFIED);
        assertThat(outcomes.get(0).getBlockNumber()).isEqualTo(7);

        Recorder recorder = new Recorder(0, Long.MAX_VALUE, 1);
        recorder.answered(0, 1, 2, outcomes);
        assertThat(recorder.committed.sum()).isEqualTo(1);
        assertThat(recorder.rejected.sum()).isEqualTo(1);
        assertThat(recorder.failed.sum()).as("an outcome the bench does not know is not success").isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNotJsonIsAnError() {
        assertThatThrownBy(() -> GatewayBenchClient.outcomes("<html>502</html>"))
                .hasMessageContaining("no JSON").hasMessageContaining("502");
    }
}
