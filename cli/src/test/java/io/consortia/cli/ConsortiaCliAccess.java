package io.consortia.cli;

import picocli.CommandLine;

/** The real command line, for tests in the command packages. */
public final class ConsortiaCliAccess {
    private ConsortiaCliAccess() {
    }

    public static CommandLine commandLine() {
        return ConsortiaCli.commandLine();
    }
}
