package io.crexporter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The mapping files every command reads, and a check that named paths exist. */
final class ConfigOption {

  @Option(
      names = {"-c", "--config"},
      arity = "1..*",
      paramLabel = "PATH",
      description = "Mapping file or directory of mapping files; repeatable.")
  List<Path> paths = new ArrayList<>();

  /**
   * The paths given, or with {@code --demo} and none given, the bundled ones.
   *
   * @throws CommandLine.ParameterException when there are none
   */
  static List<Path> orDemo(
      List<Path> given, Path demo, List<Path> bundled, CommandSpec spec, String option) {
    if (!given.isEmpty()) {
      return given;
    }
    if (demo != null) {
      return bundled;
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing required option: '" + option + "=PATH' (or --demo)");
  }

  /** Throws with a one-line message when a path does not exist. */
  static void requireExisting(List<Path> paths, String what) {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(what + " not found: " + path);
      }
    }
  }
}
