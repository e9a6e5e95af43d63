package io.consortia.node.config;

import io.consortia.node.NodeException;

/** The configuration file is missing, unreadable or invalid; the message lists every problem found. */
public class ConfigException extends NodeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
