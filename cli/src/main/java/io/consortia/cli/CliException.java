package io.consortia.cli;

/** Root exception of the command line: its message is printed to the user as is. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
