package io.consortia.node.launch;

import java.util.Optional;

/**
 * The node's logging configuration when its process gets none: the platform's local deployer passes
 * {@code -Dlogback.configurationFile} with a file of its own, but the container image and a node started by
 * hand pass nothing, and logback then logs everything at DEBUG, Raft's gRPC frames as hex included.
 */
public final class NodeLogging {
    public static final String PROPERTY = "logback.configurationFile";
    public static final String DEFAULTS = "io/consortia/node/launch/node-logback.xml";

    private NodeLogging() {}

    /** Points logback at {@link #DEFAULTS}; call before the first logger is made. */
    public static void useDefaultsIfUnconfigured() {
        defaultsFor(System.getProperty(PROPERTY), NodeLogging.class.getClassLoader())
                .ifPresent(resource -> System.setProperty(PROPERTY, resource));
    }

    /**
     * {@link #DEFAULTS} unless logging is configured already: by the property, or by a {@code logback-test.xml}
     * or {@code logback.xml} on the classpath (tests, an operator's own image).
     */
    static Optional<String> defaultsFor(String property, ClassLoader classLoader) {
        if (property != null && !property.isBlank() || classLoader.getResource("logback-test.xml") != null
                || classLoader.getResource("logback.xml") != null) {
            return Optional.empty();
        }
        return Optional.of(DEFAULTS);
    }
}
