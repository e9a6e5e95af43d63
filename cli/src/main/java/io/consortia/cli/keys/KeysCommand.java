package io.consortia.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Keys that left the platform's custody: today, opening an exported bundle. */
@Command(name = "keys", mixinStandardHelpOptions = true, subcommands = OpenCommand.class,
        description = "Work with an organisation's keys exported from the platform (docs/key-export.md).")
public final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
