package io.crexporter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The mapping files every command reads, and a check that named paths exist. */
final class ConfigOption {

  @Option(
      names = {"-c", "--config"},
      required = true,
      arity = "1..*",
      paramLabel = "PATH",
      description = "Mapping file or directory of mapping files; repeatable.")
  List<Path> paths = new ArrayList<>();

  /** Throws with a one-line message when a path does not exist. */
  static void requireExisting(List<Path> paths, String what) {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(what + " not found: " + path);
      }
    }
  }
}
