package io.consortia.platform.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The pool giving up reaches a caller as 503 with Retry-After, also when a transaction could not
 * begin for want of a connection; a transaction that could not begin for another reason stays a 500.
 */
class NoConnectionProblemTest {
    private static final SQLTransientConnectionException POOL_TIMEOUT = new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available, request timed out after 30006ms");
    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void a_pool_timeout_is_503_with_retry_after() {
        assertUnavailable(advice.noConnection(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                POOL_TIMEOUT)));
        assertUnavailable(advice.noConnection(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", POOL_TIMEOUT)));
    }

    @Test
    void another_reason_a_transaction_cannot_begin_stays_a_500() {
        ResponseEntity<ProblemDetail> response = advice.noConnection(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", new IllegalStateException("read-only")));
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    private static void assertUnavailable(ResponseEntity<ProblemDetail> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(response.getBody().getType().toString()).isEqualTo("urn:consortia:problem:database-unavailable");
        assertThat(response.getBody().getProperties()).containsEntry("retryAfterSeconds", 5L);
    }
}
