package io.crexporter.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code serve}, {@code render}, {@code validate} and {@code convert}. */
@Command(
    name = "custom-resource-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Exposes the state of Kubernetes custom resources as Prometheus metrics.",
    subcommands = {
      ServeCommand.class,
      RenderCommand.class,
      ValidateCommand.class,
      ConvertCommand.class
    })
public final class Main implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit status: 0 success, 1 failure, 2 usage error. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Same, writing to the given streams. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = parser();
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(Main::usageError);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("error: " + e.getMessage());
          return 1;
        });
    return commandLine.execute(args);
  }

  /** The command line parser, as {@link #run} uses it; for checking arguments without running. */
  public static CommandLine parser() {
    CommandLine commandLine = new CommandLine(new Main());
    // "--config a --prot 1" is a typo to report, not two more paths
    commandLine.setUnmatchedOptionsAllowedAsOptionParameters(false);
    return commandLine;
  }

  /** No command: the usage, and the status of a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getErr().println("error: " + e.getMessage());
    command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
    return 2;
  }
}
