package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metrics that kube-state-metrics loads and silently turns into nothing: here each one is a warning
 * or an error, at its file, line and path, and what does load shows what it emits.
 */
class KsmSilentConfigurationsTest {

  private static final String RESOURCE =
      """
      kind: CustomResourceStateMetrics
      spec:
        resources:
          - groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
            labelsFromPath: {name: [metadata, name]}
            metrics:
              - name: m
                help: h
                each:
      """;
  private static final String PATH = "spec.resources[0].metrics[0].each";
  private static final String SERIES =
      "kube_customresource_m{customresource_group=\"myteam.io\",customresource_kind=\"Foo\","
          + "customresource_version=\"v1\",name=\"foo\"%s} %s";

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a missing type is the only block's",
            "gauge: {path: [status, uptime]}",
            "warning: F:10: "
                + PATH
                + ": missing 'type' (kube-state-metrics emits nothing for this metric); the"
                + " 'gauge' block makes it a gauge",
            List.of(SERIES.formatted("", "43.21"))),
        Arguments.of(
            "a missing type with two blocks",
            "gauge: {path: [status, uptime]}\ninfo: {path: [metadata]}",
            "F:10: " + PATH + ": missing 'type': Gauge, Info or StateSet",
            null),
        Arguments.of(
            "an Info without labels of its own",
            "type: Info\ninfo: {path: [metadata]}",
            "warning: F:11: "
                + PATH
                + ".info: an Info without 'labelsFromPath' or 'labelFromKey' here emits nothing in"
                + " kube-state-metrics; this exporter emits it with the metric's labels",
            List.of(SERIES.formatted("", "1"))),
        Arguments.of(
            "a StateSet without list",
            "type: StateSet\nstateSet: {path: [status, phase], labelName: phase}",
            "warning: F:11: "
                + PATH
                + ".stateSet: a StateSet without 'list' emits no series (as in kube-state-metrics)",
            List.of()),
        Arguments.of(
            "a StateSet without labelName",
            "type: StateSet\nstateSet: {path: [status, phase], list: [Running, Failed]}",
            "F:11: " + PATH + ".stateSet: missing 'labelName': the label that names each state",
            null),
        Arguments.of(
            "an unknown key",
            "type: Gauge\ngauge: {path: [status], value: [uptime], valueFrom: [uptime]}",
            "warning: F:11: "
                + PATH
                + ".gauge.value: unknown key 'value' is ignored (as kube-state-metrics ignores it);"
                + " expected one of [labelFromKey, labelsFromPath, nilIsZero, path, valueFrom]",
            List.of(SERIES.formatted("", "43.21"))));
  }

  /**
   * @param expectedSeries what render prints for the documentation's Foo; null when the
   *     configuration is refused
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isReportedAtItsPlace(
      String description, String each, String expectedFinding, List<String> expectedSeries)
      throws IOException {
    Path config = dir.resolve("crs.yaml");
    Files.writeString(config, RESOURCE + each.indent(12));
    Cli.Result validate = Cli.validate(config);
    List<String> findings =
        validate.err().lines().map(line -> line.replace(config.toString(), "F")).toList();
    assertEquals(expectedFinding, findings.get(0), validate.err());
    if (expectedSeries == null) {
      assertEquals(List.of(expectedFinding, "1 configuration problem"), findings);
      assertEquals(1, validate.status());
      return;
    }
    assertEquals(List.of(expectedFinding), findings);
    assertEquals(0, validate.status());
    assertEquals(
        expectedSeries,
        Rendered.samples(Rendered.render(config, KsmDocumentationExamplesTest.foo(dir))));
  }
}
