package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code convert} writes a kube-state-metrics configuration in this exporter's format; the written
 * file, run over the same objects, must print the same exposition as the original.
 */
class KsmConversionTest {

  static final Path DOCS = KsmDocumentationExamplesTest.DOCS;

  @TempDir Path dir;

  Path converted(Path config) {
    Path target = dir.resolve("converted-" + config.getFileName());
    Cli.Result result =
        Cli.run("convert", "--config", config.toString(), "--output", target.toString());
    assertEquals(0, result.status(), result.err());
    return target;
  }

  @ParameterizedTest
  @MethodSource("io.crexporter.ksm.KsmDocumentationExamplesTest#fooExamples")
  void convertedFooExamplesPrintTheSameSeries(String example) throws IOException {
    Path config = DOCS.resolve(example + ".config.yaml");
    Path foo = KsmDocumentationExamplesTest.foo(dir);
    assertEquals(Rendered.render(config, foo), Rendered.render(converted(config), foo));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "04_vpa-same-metric-different-labels.config.yaml",
        "06_vpa-all-metrics.config.yaml"
      })
  void convertedVerticalPodAutoscalerExamplesPrintTheSameSeries(String example) throws IOException {
    Path config = DOCS.resolve(example);
    Path vpa = KsmDocumentationExamplesTest.vpa(dir);
    String original = Rendered.render(config, vpa);
    assertTrue(original.contains("} 0.1\n"), original);
    assertEquals(original, Rendered.render(converted(config), vpa));
  }

  /** Public configurations and the objects their tests render. */
  static Stream<Arguments> publicConfigurations() {
    Path configs = KsmFluxMonitoringConfigTest.CONFIGS;
    Path objects = configs.resolve("objects");
    return Stream.of(
        Arguments.of(
            KsmFluxMonitoringConfigTest.VALUES,
            KsmFluxMonitoringConfigTest.FIXTURES.toArray(Path[]::new)),
        Arguments.of(KsmClusterApiConfigTest.CONFIG, new Path[] {objects}),
        Arguments.of(
            KsmCommunityConfigsTest.CERT_MANAGER,
            new Path[] {objects.resolve("cert-manager.yaml")}),
        Arguments.of(
            KsmCommunityConfigsTest.GATEKEEPER,
            new Path[] {objects.resolve("gatekeeper-constraints.yaml")}),
        Arguments.of(
            KsmCommunityConfigsTest.TAP,
            new Path[] {Path.of("src/test/resources/fixtures/cartographer/examples")}));
  }

  @ParameterizedTest
  @MethodSource("publicConfigurations")
  void convertedPublicConfigurationsPrintTheSameSeries(Path config, Path[] objects) {
    String original = Rendered.render(config, objects);
    assertTrue(Rendered.samples(original).size() > 1, original);
    assertEquals(
        Rendered.samples(original), Rendered.samples(Rendered.render(converted(config), objects)));
  }

  @Test
  void convertedStatusConditionsPrintTheSameSeries() {
    Path config = DOCS.resolve("07_status-conditions.config.yaml");
    Path object = DOCS.resolve("07_status-conditions.object-for-derivation.yaml");
    assertEquals(Rendered.render(config, object), Rendered.render(converted(config), object));
  }

  @Test
  void convertedWildcardKindLabelsEachObjectWithItsKindAndItsApiVersion() throws IOException {
    Path objects = dir.resolve("objects.yaml");
    Files.writeString(
        objects,
        """
        apiVersion: myteam.io/v1
        kind: Bar
        metadata: {name: bar, namespace: ns}
        """);
    Path config = DOCS.resolve("14_wildcard-gvk.config.yaml");
    // the format has no way to cut the group from apiVersion; the note in the file says so
    assertEquals(
        Rendered.render(config, objects)
            .replace("customresource_version=\"v1\"", "customresource_version=\"myteam.io/v1\""),
        Rendered.render(converted(config), objects));
  }

  @Test
  void theWrittenFileSaysWhereSeriesMayDifferAndNotesGoToStderr() throws IOException {
    Cli.Result result =
        Cli.run("convert", "-c", DOCS.resolve("14_wildcard-gvk.config.yaml").toString());
    assertEquals(0, result.status(), result.err());
    assertTrue(
        result
            .out()
            .startsWith(
                "# Converted from a kube-state-metrics CustomResourceStateMetrics configuration.\n"
                    + "# Where the series may differ from kube-state-metrics':\n"
                    + "#   - customresource_version: the object's apiVersion"),
        result.out());
    assertEquals(
        "note: customresource_version: the object's apiVersion (group/version) stands for its"
            + " version\n",
        result.err());
    Path written = dir.resolve("written.yaml");
    Files.writeString(written, result.out());
    assertEquals(0, Cli.run("validate", "-c", written.toString()).status());
  }

  @Test
  void aFileInThisFormatIsRefusedInOneLine() {
    Cli.Result result = Cli.run("convert", "-c", "config/kpack.yaml");
    assertEquals(1, result.status());
    assertEquals("", result.out());
    assertEquals(
        List.of(
            "error: config/kpack.yaml:12: resources[0]: not a kube-state-metrics resource;"
                + " it is in this format already"),
        result.err().lines().toList());
  }

  @Test
  void anInvalidConfigurationIsReportedAsValidateReportsIt() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        kind: CustomResourceStateMetrics
        spec:
          resources:
            - groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
              metrics:
                - name: uptime
                  each:
                    type: Gauge
                    gauge: {path: [status, uptime], valueFrom: [conditions, "[Ready]"]}
        """);
    Cli.Result convert = Cli.run("convert", "-c", bad.toString());
    Cli.Result validate = Cli.run("validate", "-c", bad.toString());
    assertEquals(1, convert.status());
    assertEquals("", convert.out());
    assertEquals(validate.out() + validate.err(), convert.err());
  }
}
