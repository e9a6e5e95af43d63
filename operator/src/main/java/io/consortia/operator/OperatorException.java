package io.consortia.operator;

/** The operator module's root exception: a network that cannot be turned into objects, or applied. */
public class OperatorException extends RuntimeException {
    public OperatorException(String message) {
        super(message);
    }

    public OperatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
