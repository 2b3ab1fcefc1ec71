package io.crexporter.cli;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.mapping.CompiledConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks mapping files; prints every problem with file, line and path.")
final class ValidateCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (config.paths.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--config=PATH'");
    }
    ConfigOption.requireExisting(config.paths, "mapping file");
    try {
      CompiledConfig compiled = ConfigLoader.load(config.paths);
      long metrics = compiled.families().size();
      compiled
          .warnings()
          .forEach(warning -> spec.commandLine().getErr().println("warning: " + warning));
      spec.commandLine().getErr().flush();
      spec.commandLine()
          .getOut()
          .printf("OK: %d resources, %d metrics%n", compiled.resources().size(), metrics);
      return 0;
    } catch (InvalidConfigException e) {
      ConfigErrors.print(spec.commandLine().getErr(), e);
      return 1;
    }
  }
}
