package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kube-state-metrics files and this exporter's own mapping files make one configuration. */
class MixedFormatsTest {

  static final Path DOCS = KsmDocumentationExamplesTest.DOCS;

  @TempDir Path dir;

  Path configDirectory(String ksmFile, String ksmText) throws IOException {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.copy(Path.of("config/kpack.yaml"), config.resolve("kpack.yaml"));
    Files.writeString(config.resolve(ksmFile), ksmText);
    return config;
  }

  @Test
  void oneDirectoryHoldsBothFormats() throws IOException {
    Path config =
        configDirectory(
            "foo-crs.yaml", Files.readString(DOCS.resolve("01_single-values.config.yaml")));
    Cli.Result validate = Cli.run("validate", "-c", config.toString());
    assertEquals(0, validate.status(), validate.err());
    assertTrue(validate.out().startsWith("OK: 3 resources, "), validate.out());

    Cli.Result render =
        Cli.run(
            "render",
            "-c",
            config.toString(),
            "-o",
            "examples/kpack",
            "-o",
            KsmDocumentationExamplesTest.foo(dir).toString());
    assertEquals(0, render.status(), render.err());
    assertTrue(
        render
            .out()
            .contains(
                "kube_customresource_uptime{customresource_group=\"myteam.io\","
                    + "customresource_kind=\"Foo\",customresource_version=\"v1\"} 43.21\n"),
        render.out());
    assertTrue(
        render.out().contains("kpack_build_info{builder=\"gcr.io/paketo-buildpacks/builder"),
        render.out());
  }

  @Test
  void oneMetricNameFromBothFormatsIsOneBlock() throws IOException {
    // kube-state-metrics' Info on the Builds this exporter's kpack file already maps
    Path config =
        configDirectory(
            "builds-crs.yaml",
            """
            kind: CustomResourceStateMetrics
            spec:
              resources:
                - groupVersionKind: {group: kpack.io, version: v1alpha2, kind: Build}
                  metricNamePrefix: kpack_build
                  labelsFromPath:
                    name: [metadata, name]
                    namespace: [metadata, namespace]
                  metrics:
                    - name: info
                      help: Builds as kube-state-metrics describes them.
                      each:
                        type: Info
                        info:
                          labelsFromPath: {source: [spec, source, git, url]}
            """);
    Cli.Result render = Cli.run("render", "-c", config.toString(), "-o", "examples/kpack");
    assertEquals(0, render.status(), render.err());
    List<String> lines = render.out().lines().toList();
    List<String> block =
        lines.stream()
            .filter(line -> line.matches("(# (HELP|TYPE) )?kpack_build_info[ {].*"))
            .toList();
    int first = lines.indexOf(block.get(0));
    assertEquals(block, lines.subList(first, first + block.size()), "one contiguous block");
    assertEquals(1, block.stream().filter(line -> line.startsWith("# HELP")).count());
    assertTrue(
        block.stream().anyMatch(line -> line.contains("customresource_kind=\"Build\"")),
        render.out());
    assertTrue(
        block.stream()
            .anyMatch(line -> line.contains("builder=") && !line.contains("customresource_")),
        render.out());
  }

  @Test
  void aMetricOfBothFormatsWithTwoTypesIsReportedWithBothPlaces() throws IOException {
    Path config =
        configDirectory(
            "builds-crs.yaml",
            """
            spec:
              resources:
                - groupVersionKind: {group: kpack.io, version: v1alpha2, kind: Build}
                  metricNamePrefix: kpack_build
                  metrics:
                    - name: info
                      help: not an info
                      each:
                        type: Gauge
                        gauge: {path: [metadata, generation]}
            """);
    Cli.Result validate = Cli.run("validate", "-c", config.toString());
    assertEquals(1, validate.status());
    assertTrue(
        validate
            .err()
            .matches(
                "(?s).*kpack\\.yaml:\\d+: .*metric 'kpack_build_info' is defined as info"
                    + " here but as gauge at .*builds-crs\\.yaml:6\n.*"),
        validate.err());
  }
}
