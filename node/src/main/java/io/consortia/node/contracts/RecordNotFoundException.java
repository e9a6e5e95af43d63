package io.consortia.node.contracts;

/**
 * A contract found no record under the id it was given (an asset, a token, a batch...). In a
 * block it is recorded like any refusal, CONTRACT_REJECTED with this message, so blocks stay the
 * same on every node; an evaluated read answers it as NOT_FOUND, so that a client tells "there is
 * no such record" from "the request is wrong" without parsing the reason.
 */
public class RecordNotFoundException extends ContractException {
    public RecordNotFoundException(String message) {
        super(message);
    }
}
