package io.crexporter.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.exposition.ExpositionFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapping files mounted from a ConfigMap change by a symlink swap; the running exporter picks the
 * change up by itself, and keeps the previous mapping when the new one is invalid.
 */
class ConfigReloadTest {

  @TempDir Path dir;

  @Test
  void followsAConfigMapSwapAndKeepsServingThroughABrokenOne() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    swap(config, "kpack.yaml", "..v1", Files.readString(Path.of("config/kpack.yaml")));
    Files.createSymbolicLink(config.resolve("kpack.yaml"), Path.of("..data/kpack.yaml"));
    try (Exporter exporter =
        Exporter.create(
            new Exporter.Options(
                List.of(config), List.of(Path.of("examples/kpack")), true, true, false))) {
      exporter.start();
      await(exporter, text -> text.contains("\nkpack_build_created_timestamp_seconds{"));

      swap(
          config,
          "kpack.yaml",
          "..v2",
          Files.readString(Path.of("config/kpack.yaml"))
              .replace("created_timestamp_seconds", "born_seconds"));
      // objects are mapped anew one by one after the swap: wait for the last old name to go
      String renamed =
          await(
              exporter,
              text ->
                  text.contains("\nkpack_build_born_seconds{name=\"sample-build\"")
                      && !text.contains("kpack_build_created_timestamp_seconds{"));
      assertTrue(renamed.contains("custom_resource_exporter_config_last_reload_successful 1.0"));

      swap(config, "kpack.yaml", "..v3", "resources: [oops");
      String rejected =
          await(
              exporter,
              text -> text.contains("custom_resource_exporter_config_last_reload_successful 0.0"));
      assertTrue(rejected.contains("\nkpack_build_born_seconds{name=\"sample-build\""), rejected);
    }
  }

  @Test
  void reloadsAKubeStateMetricsConfigurationAndKeepsItThroughABrokenOne() throws Exception {
    String crs =
        """
        kind: CustomResourceStateMetrics
        spec:
          resources:
            - groupVersionKind: {group: kpack.io, version: v1alpha2, kind: Build}
              labelsFromPath: {name: [metadata, name]}
              metrics:
                - name: build_phase
                  help: Succeeded condition of a Build.
                  each:
                    type: StateSet
                    stateSet:
                      path: [status, conditions, "[type=Succeeded]"]
                      valueFrom: [status]
                      labelName: succeeded
                      list: ["True", "False", "Unknown"]
        """;
    Path config = Files.createDirectories(dir.resolve("config"));
    swap(config, "crs.yaml", "..v1", crs);
    Files.createSymbolicLink(config.resolve("crs.yaml"), Path.of("..data/crs.yaml"));
    String series = "\nkube_customresource_build_phase{customresource_group=\"kpack.io\",";
    try (Exporter exporter =
        Exporter.create(
            new Exporter.Options(
                List.of(config), List.of(Path.of("examples/kpack")), true, true, false))) {
      exporter.start();
      await(exporter, text -> text.contains(series));

      // kube-state-metrics would load this and emit nothing for the metric; here it is refused
      swap(config, "crs.yaml", "..v2", crs.replace("labelName: succeeded", ""));
      String rejected =
          await(
              exporter,
              text -> text.contains("custom_resource_exporter_config_last_reload_successful 0.0"));
      assertTrue(rejected.contains(series), rejected);
    }
  }

  /**
   * A reload into a mapping with a CEL expression, a value map and a nested each applies it; one
   * whose expression does not type-check is refused and the previous one kept.
   */
  @Test
  void reloadsExpressionsAndKeepsThemThroughOneThatDoesNotCompile() throws Exception {
    String features = Files.readString(Path.of("src/test/resources/language/features.yaml"));
    Path config = Files.createDirectories(dir.resolve("config"));
    swap(config, "m.yaml", "..v1", Files.readString(Path.of("config/kubevirt.yaml")));
    Files.createSymbolicLink(config.resolve("m.yaml"), Path.of("..data/m.yaml"));
    try (Exporter exporter =
        Exporter.create(
            new Exporter.Options(
                List.of(config),
                List.of(Path.of("src/test/resources/fixtures/kubevirt/examples/vmi-running.yaml")),
                true,
                true,
                false))) {
      exporter.start();
      await(exporter, text -> text.contains("\nkubevirt_virtual_machine_instance_info{"));

      swap(config, "m.yaml", "..v2", features);
      String vcpus = "\nexample_vmi_vcpus{name=\"vm-cirros\",namespace=\"default\"} 1.0";
      await(exporter, text -> text.contains(vcpus) && text.contains("\nexample_vmi_phase_value{"));

      swap(config, "m.yaml", "..v3", features.replace("object.spec.domain.cpu.cores *", "cores *"));
      String rejected =
          await(
              exporter,
              text -> text.contains("custom_resource_exporter_config_last_reload_successful 0.0"));
      assertTrue(rejected.contains(vcpus), rejected);
    }
  }

  /** Writes a new version directory and points {@code ..data} at it atomically, as kubelet does. */
  private static void swap(Path config, String file, String version, String text) throws Exception {
    Path versionDir = Files.createDirectory(config.resolve(version));
    Files.writeString(versionDir.resolve(file), text);
    Path link = config.resolve("..data_tmp");
    Files.createSymbolicLink(link, Path.of(version));
    Files.move(link, config.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
  }

  private static String await(Exporter exporter, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      exporter.exposition().write(out, ExpositionFormat.TEXT);
      String text = out.toString(StandardCharsets.UTF_8);
      if (condition.test(text)) {
        return text;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not seen within 20 s:\n" + text);
      }
      Thread.sleep(100);
    }
  }
}
