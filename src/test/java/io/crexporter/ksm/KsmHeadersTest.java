package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HELP and TYPE lines as kube-state-metrics' writer makes them
 * (ksm/unit/metrics_writer_test.headers.yaml): one header per name with the first definition's help
 * and every sample under it, {@code Info} and {@code StateSet} typed gauge in the text format, and
 * no header for a metric without samples. In OpenMetrics, where kube-state-metrics keeps {@code
 * info} and {@code stateset}, they stay gauges here too (README, "Coming from kube-state-metrics").
 */
class KsmHeadersTest {

  static final String CONFIG =
      """
      kind: CustomResourceStateMetrics
      spec:
        resources:
          - groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
            labelsFromPath:
              name: [metadata, name]
            metrics:
              - name: shared
                help: first help
                commonLabels: {variant: a}
                each: {type: Gauge, gauge: {path: [status, a]}}
              - name: shared
                help: second help
                commonLabels: {variant: b}
                each: {type: Gauge, gauge: {path: [status, b]}}
              - name: next
                help: next help
                each: {type: Gauge, gauge: {path: [status, b]}}
              - name: foo_info
                help: info help
                each: {type: Info, info: {labelsFromPath: {phase: [status, phase]}}}
              - name: foo_stateset
                help: stateset help
                each:
                  type: StateSet
                  stateSet: {labelName: phase, path: [status, phase], list: [Running, Failed]}
              - name: missing
                help: no object has the field
                each: {type: Gauge, gauge: {path: [status, missing]}}
          - groupVersionKind: {group: myteam.io, version: v1, kind: Bar}
            labelsFromPath:
              name: [metadata, name]
            metrics:
              - name: shared
                help: bar help
                each: {type: Gauge, gauge: {path: [status, a]}}
          - groupVersionKind: {group: myteam.io, version: v1, kind: Baz}
            metrics:
              - name: baz
                help: there is no Baz
                each: {type: Gauge, gauge: {path: [status, a]}}
      """;

  static final String OBJECTS =
      """
      apiVersion: myteam.io/v1
      kind: Foo
      metadata: {name: a1}
      status: {a: 1, b: 2, phase: Running}
      ---
      apiVersion: myteam.io/v1
      kind: Bar
      metadata: {name: b1}
      status: {a: 3}
      """;

  static final String FOO =
      "customresource_group=\"myteam.io\",customresource_kind=\"Foo\","
          + "customresource_version=\"v1\",name=\"a1\"";
  static final String BAR =
      "customresource_group=\"myteam.io\",customresource_kind=\"Bar\","
          + "customresource_version=\"v1\",name=\"b1\"";

  @TempDir Path dir;
  Path config;
  Path objects;

  @BeforeEach
  void write() throws IOException {
    config = Files.writeString(dir.resolve("config.yaml"), CONFIG);
    objects = Files.writeString(dir.resolve("objects.yaml"), OBJECTS);
  }

  @Test
  void textFormat() {
    assertEquals(
        """
        # HELP kube_customresource_foo_info info help
        # TYPE kube_customresource_foo_info gauge
        kube_customresource_foo_info{%1$s,phase="Running"} 1
        # HELP kube_customresource_foo_stateset stateset help
        # TYPE kube_customresource_foo_stateset gauge
        kube_customresource_foo_stateset{%1$s,phase="Failed"} 0
        kube_customresource_foo_stateset{%1$s,phase="Running"} 1
        # HELP kube_customresource_next next help
        # TYPE kube_customresource_next gauge
        kube_customresource_next{%1$s} 2
        # HELP kube_customresource_shared first help
        # TYPE kube_customresource_shared gauge
        kube_customresource_shared{%2$s} 3
        kube_customresource_shared{%1$s,variant="a"} 1
        kube_customresource_shared{%1$s,variant="b"} 2
        """
            .formatted(FOO, BAR),
        Rendered.render(config, objects));
  }

  @Test
  void openMetricsKeepsEveryTypeAGauge() {
    assertEquals(
        """
        # TYPE kube_customresource_foo_info gauge
        # HELP kube_customresource_foo_info info help
        kube_customresource_foo_info{%1$s,phase="Running"} 1.0
        # TYPE kube_customresource_foo_stateset gauge
        # HELP kube_customresource_foo_stateset stateset help
        kube_customresource_foo_stateset{%1$s,phase="Failed"} 0.0
        kube_customresource_foo_stateset{%1$s,phase="Running"} 1.0
        # TYPE kube_customresource_next gauge
        # HELP kube_customresource_next next help
        kube_customresource_next{%1$s} 2.0
        # TYPE kube_customresource_shared gauge
        # HELP kube_customresource_shared first help
        kube_customresource_shared{%2$s} 3.0
        kube_customresource_shared{%1$s,variant="a"} 1.0
        kube_customresource_shared{%1$s,variant="b"} 2.0
        # EOF
        """
            .formatted(FOO, BAR),
        Cli.render(List.of(config), List.of(objects), "--openmetrics"));
  }

  @Test
  void aMetricWithoutSamplesHasNoHeaderUntilItHasOne() throws IOException {
    String without = Cli.render(List.of(config), List.of(objects));
    assertEquals(List.of(), headers(without, "kube_customresource_missing"));
    assertEquals(List.of(), headers(without, "kube_customresource_baz"));
    Files.writeString(
        objects,
        OBJECTS.replace("status: {a: 1,", "status: {missing: 5, a: 1,")
            + "---\napiVersion: myteam.io/v1\nkind: Baz\nmetadata: {name: z}\nstatus: {a: 4}\n");
    String with = Cli.render(List.of(config), List.of(objects));
    assertEquals(
        List.of(
            "# HELP kube_customresource_missing no object has the field",
            "# TYPE kube_customresource_missing gauge"),
        headers(with, "kube_customresource_missing"));
    assertEquals(
        List.of(
            "# HELP kube_customresource_baz there is no Baz",
            "# TYPE kube_customresource_baz gauge"),
        headers(with, "kube_customresource_baz"));
  }

  static List<String> headers(String text, String name) {
    return text.lines()
        .filter(
            line ->
                line.startsWith("# HELP " + name + " ") || line.startsWith("# TYPE " + name + " "))
        .toList();
  }
}
