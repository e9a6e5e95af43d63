package io.consortia.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A transaction committed as valid.
 *
 * @param transactionId hex id of the transaction
 * @param blockNumber the block that records it
 * @param result what the contract function returned (empty when nothing)
 */
public record SubmitResult(String transactionId, long blockNumber, byte[] result) {

    public SubmitResult {
        Objects.requireNonNull(transactionId, "transactionId");
        result = result == null ? new byte[0] : result.clone();
    }

    @Override
    public byte[] result() {
        return result.clone();
    }

    /** The result decoded as UTF-8. */
    public String resultAsString() {
        return new String(result, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubmitResult that && transactionId.equals(that.transactionId)
                && blockNumber == that.blockNumber && Arrays.equals(result, that.result);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, blockNumber) * 31 + Arrays.hashCode(result);
    }

    @Override
    public String toString() {
        return "SubmitResult[transactionId=" + transactionId + ", blockNumber=" + blockNumber
                + ", result=" + result.length + " bytes]";
    }
}
