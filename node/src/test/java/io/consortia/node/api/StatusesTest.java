package io.consortia.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.node.execution.EvaluationException;
import io.consortia.protocol.v1.ValidationCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

class StatusesTest {

    @Test
    void a_read_of_a_missing_record_is_not_found_in_the_contracts_words() {
        StatusRuntimeException status = Statuses.of(EvaluationException.missing("asset a1 does not exist"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getStatus().getDescription()).isEqualTo("asset a1 does not exist");
    }

    @Test
    void any_other_refusal_of_the_contract_stays_a_failed_precondition_with_its_code() {
        StatusRuntimeException status = Statuses.of(new EvaluationException(ValidationCode.CONTRACT_REJECTED,
                "documentHash must be 64 hexadecimal characters"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(status.getStatus().getDescription())
                .isEqualTo("CONTRACT_REJECTED: documentHash must be 64 hexadecimal characters");
    }
}
