package io.consortia.operator.status;

/** Reads a node's /health; tests give a fake, the operator {@link HttpNodeHealthReader}. */
@FunctionalInterface
public interface NodeHealthReader {
    /**
     * @throws HealthUnavailableException when the node cannot be reached or answers nonsense
     */
    NodeHealth read(String host, int port);

    /** Why a node's health could not be read; its message is shown in the node's status. */
    class HealthUnavailableException extends io.consortia.operator.OperatorException {
        public HealthUnavailableException(String message) {
            super(message);
        }
    }
}
