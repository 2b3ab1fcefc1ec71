package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * One kube-state-metrics configuration in every shape the README accepts gives the same series, and
 * {@code validate} points a problem in any of them at its line in the file given.
 */
class KsmConfigShapesTest {

  /** The {@code resources} list of the configuration, at column 0. */
  static final String RESOURCES =
      """
      resources:
        - groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
          labelsFromPath:
            name: [metadata, name]
          metrics:
            - name: uptime
              help: Foo uptime
              each:
                type: Gauge
                gauge: {path: [status, uptime]}
            - name: phase
              help: Foo phase
              each:
                type: StateSet
                stateSet: {labelName: phase, path: [status, phase], list: [Running, Failed]}
      """;

  static final String FOO =
      """
      apiVersion: myteam.io/v1
      kind: Foo
      metadata: {name: foo, namespace: ns}
      status: {uptime: 43.21, phase: Running}
      """;

  static final String EXPECTED =
      """
      # HELP kube_customresource_phase Foo phase
      # TYPE kube_customresource_phase gauge
      kube_customresource_phase{customresource_group="myteam.io",customresource_kind="Foo",customresource_version="v1",name="foo",phase="Failed"} 0
      kube_customresource_phase{customresource_group="myteam.io",customresource_kind="Foo",customresource_version="v1",name="foo",phase="Running"} 1
      # HELP kube_customresource_uptime Foo uptime
      # TYPE kube_customresource_uptime gauge
      kube_customresource_uptime{customresource_group="myteam.io",customresource_kind="Foo",customresource_version="v1",name="foo"} 43.21
      """;

  static String indent(String text, int spaces) {
    return text.indent(spaces);
  }

  /** The same configuration in each accepted shape; a name, and the file's text. */
  static Stream<Arguments> shapes() {
    String spec = "spec:\n" + indent(RESOURCES, 2);
    String document = "kind: CustomResourceStateMetrics\n" + spec;
    return Stream.of(
        Arguments.of("CustomResourceStateMetrics", document),
        Arguments.of(
            "CustomResourceStateMetrics, spec first", spec + "kind: CustomResourceStateMetrics\n"),
        Arguments.of("bare spec", spec),
        Arguments.of("bare resources", RESOURCES),
        Arguments.of(
            "kube-state-metrics chart values",
            "customResourceState:\n  enabled: true\n  config:\n" + indent(document, 4)),
        Arguments.of(
            "kube-state-metrics chart values, config as a string",
            "customResourceState:\n  enabled: true\n  config: |\n" + indent(document, 4)),
        Arguments.of(
            "kube-prometheus-stack values",
            "kube-state-metrics:\n  customResourceState:\n    enabled: true\n    config:\n"
                + indent(document, 6)),
        Arguments.of(
            "kube-prometheus-stack values, config as a string",
            "kube-state-metrics:\n  collectors: []\n  customResourceState:\n    enabled: true\n"
                + "    config: |-\n"
                + indent(document, 6)),
        Arguments.of(
            "ConfigMap",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ksm}\ndata:\n  config.yaml: |\n"
                + indent(document, 4)),
        Arguments.of(
            "ConfigMap, data first, a blank line first in the string",
            "data:\n  config.yaml: |\n\n" + indent(document, 4) + "kind: ConfigMap\n"),
        Arguments.of(
            "ConfigMap, the string in double quotes",
            "kind: ConfigMap\ndata:\n  config.yaml: \""
                + document.replace("\"", "\\\"").replace("\n", "\\n")
                + "\"\n"));
  }

  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void everyShapeGivesTheSameSeries(String shape, String text) throws IOException {
    assertEquals(
        EXPECTED, Rendered.render(write("config.yaml", text), write("foo.yaml", FOO)), shape);
  }

  /** The line of the file's first line containing {@code marker}, counting from 1. */
  static int lineOf(String text, String marker) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError(marker + " not in " + text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void validateReportsAProblemAtItsLineInTheFile(String shape, String text) throws IOException {
    String bad = text.replace("type: StateSet", "type: StateSets");
    Path file = write("config.yaml", bad);
    Cli.Result result = Cli.validate(file);
    assertEquals(1, result.status(), shape);
    String path =
        result.err().substring(result.err().indexOf(": ") + 2, result.err().indexOf("each.type"));
    // quoted, the string is one line of the file
    int line = lineOf(bad, shape.contains("quotes") ? "config.yaml" : "StateSets");
    assertEquals(
        file
            + ":"
            + line
            + ": "
            + path
            + "each.type: unknown type 'StateSets'; expected Gauge, Info"
            + " or StateSet\n1 configuration problem\n",
        result.err(),
        shape);
  }

  @Test
  void theProblemPathNamesTheKeysOfTheOuterFile() throws IOException {
    Path file =
        write(
            "values.yaml",
            "kube-state-metrics:\n  customResourceState:\n    config: |\n"
                + indent("kind: CustomResourceStateMetrics\nspec:\n" + indent(RESOURCES, 2), 6)
                    .replace("type: Gauge", "type: Gauges"));
    Cli.Result result = Cli.validate(file);
    assertEquals(
        file
            + ":14: kube-state-metrics.customResourceState.config.spec.resources[0].metrics[0]"
            + ".each.type: unknown type 'Gauges'; expected Gauge, Info or StateSet\n"
            + "1 configuration problem\n",
        result.err());
  }
}
