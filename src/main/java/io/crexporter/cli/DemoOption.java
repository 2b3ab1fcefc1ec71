package io.crexporter.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --demo}: run on the mappings and example objects bundled in the jar. */
final class DemoOption {

  @Option(
      names = "--demo",
      description =
          "Use the mappings and example objects bundled in the jar for whatever --config or"
              + " --objects does not give.")
  boolean enabled;

  /** The directory of extracted bundled files when {@code --demo} is given, otherwise null. */
  Path bundleIfAsked() throws IOException {
    return enabled ? DemoFiles.extract() : null;
  }
}
