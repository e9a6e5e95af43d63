package io.consortia.kubetest;

/** The one exception of the test cluster: a part that did not start, answer or stop as it should. */
public class KubeTestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KubeTestException(String message) {
        super(message);
    }

    public KubeTestException(String message, Throwable cause) {
        super(message, cause);
    }
}
