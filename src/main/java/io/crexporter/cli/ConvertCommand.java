package io.crexporter.cli;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.config.KsmConverter;
import io.crexporter.mapping.CompiledConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a kube-state-metrics CustomResourceStateMetrics configuration as a mapping file of"
          + " this exporter's format, with the same metric names and labels.",
      "What the format cannot say exactly is listed in the file's header and on stderr."
    })
final class ConvertCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(
      names = {"--output"},
      paramLabel = "FILE",
      description = "Write the mapping file here instead of stdout.")
  Path output;

  @Override
  public Integer call() throws IOException {
    if (config.paths.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--config=PATH'");
    }
    ConfigOption.requireExisting(config.paths, "configuration file");
    PrintWriter err = spec.commandLine().getErr();
    CompiledConfig compiled;
    try {
      compiled = ConfigLoader.load(config.paths);
    } catch (InvalidConfigException e) {
      ConfigErrors.print(err, e);
      return 1;
    }
    compiled.warnings().forEach(warning -> err.println("warning: " + warning));
    KsmConverter.Result result = KsmConverter.convert(compiled.resources());
    if (output == null) {
      spec.commandLine().getOut().print(result.yaml());
      spec.commandLine().getOut().flush();
    } else {
      try {
        Files.writeString(output, result.yaml());
      } catch (IOException e) {
        throw new IOException("cannot write " + output + ": " + IoMessages.describe(e), e);
      }
    }
    result.notes().forEach(note -> err.println("note: " + note));
    err.flush();
    return 0;
  }
}
