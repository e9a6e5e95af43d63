package io.consortia.node;

/** Root exception of the node module. Library exceptions are translated into subclasses where they are wrapped. */
public class NodeException extends RuntimeException {
    public NodeException(String message) {
        super(message);
    }

    public NodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
