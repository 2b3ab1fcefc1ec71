package io.crexporter.cli;

import io.crexporter.app.Exporter;
import io.crexporter.config.InvalidConfigException;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Prints the metrics the mappings produce from the given objects, once, to stdout.")
final class RenderCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--objects"},
      arity = "1..*",
      paramLabel = "PATH",
      description = "Manifest file or directory (YAML, JSON, kind: List); repeatable.")
  List<Path> objects = new ArrayList<>();

  @Option(
      names = "--openmetrics",
      description = "Write OpenMetrics text instead of the Prometheus text format.")
  boolean openMetrics;

  @Mixin DemoOption demo;

  @Override
  public Integer call() throws IOException {
    Path bundle = demo.bundleIfAsked();
    List<Path> configPaths =
        ConfigOption.orDemo(config.paths, bundle, DemoFiles.configPaths(bundle), spec, "--config");
    List<Path> objectPaths =
        ConfigOption.orDemo(objects, bundle, DemoFiles.objectPaths(bundle), spec, "--objects");
    ConfigOption.requireExisting(configPaths, "mapping file");
    ConfigOption.requireExisting(objectPaths, "objects path");
    try (Exporter exporter =
        Exporter.create(new Exporter.Options(configPaths, objectPaths, false, false, false))) {
      exporter.start();
      // in client_java's order (sorted by labels), which reads better than the stored order
      var snapshots = exporter.exposition().snapshots();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (openMetrics) {
        OpenMetricsTextFormatWriter.create().write(out, snapshots);
      } else {
        PrometheusTextFormatWriter.create().write(out, snapshots);
      }
      spec.commandLine().getOut().print(out.toString(StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (InvalidConfigException e) {
      ConfigErrors.print(spec.commandLine().getErr(), e);
      return 1;
    }
  }
}
