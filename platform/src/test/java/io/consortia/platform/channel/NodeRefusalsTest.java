package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.system.PlatformException;
import io.consortia.sdk.GatewayException;
import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

class NodeRefusalsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "FAILED_PRECONDITION | CONTRACT_REJECTED: asset NOPE does not exist | UNPROCESSABLE_CONTENT | contract-rejected"
                    + " | The contract refused the call (CONTRACT_REJECTED): asset NOPE does not exist",
            "INVALID_ARGUMENT    | symbol must be 1-12 letters                  | UNPROCESSABLE_CONTENT | contract-rejected"
                    + " | The contract refused the call: symbol must be 1-12 letters",
            "NOT_FOUND           | channel main has no block 999999 (height 2)  | NOT_FOUND             | not-found"
                    + " | channel main has no block 999999 (height 2)",
            "NOT_FOUND           | asset NOPE does not exist                    | NOT_FOUND             | not-found"
                    + " | asset NOPE does not exist",
            "PERMISSION_DENIED   | FORBIDDEN: records.get admits org1 only      | FORBIDDEN             | forbidden"
                    + " | The node refused the call: FORBIDDEN: records.get admits org1 only",
            "UNAVAILABLE         | io exception                                 | SERVICE_UNAVAILABLE   | network-unavailable"
                    + " | The channel's nodes did not answer: Evaluate of asset.read on channel main failed"})
    void the_nodes_reason_without_the_sdks_wrapping(Status.Code code, String description, HttpStatus status,
            String type, String detail) {
        GatewayException failed = new GatewayException("Evaluate of asset.read on channel main failed: " + code + ": "
                + description, Status.fromCode(code).withDescription(description).asRuntimeException());

        PlatformException problem = NodeRefusals.of(failed);

        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).isEqualTo(type);
        assertThat(problem.getMessage()).startsWith(detail);
    }
}
