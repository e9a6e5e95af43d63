package io.consortia.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code consortia} command line for operators: local networks, status, quick calls and benchmarks. */
@Command(name = "consortia", mixinStandardHelpOptions = true, version = "consortia 0.1.0",
        description = "Consortia: blockchain-as-a-service for consortium chains.",
        subcommands = {UpCommand.class, StatusCommand.class, NotarizeCommand.class, TxCommand.class, VerifyCommand.class,
                io.consortia.cli.bench.BenchCommand.class, io.consortia.cli.keys.KeysCommand.class})
public final class ConsortiaCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line {@link #main} runs: usage errors exit 2, other failures 1. */
    static CommandLine commandLine() {
        return new CommandLine(new ConsortiaCli()).setCaseInsensitiveEnumValuesAllowed(true)
                // a failure is one line saying what went wrong, not a stack trace
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("consortia " + cmd.getCommandName() + ": " + e.getMessage());
                    return 1;
                });
    }
}
