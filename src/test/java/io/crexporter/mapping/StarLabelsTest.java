package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.TestConfigs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Labels whose name ends in {@code *} copy a map: one label per entry. */
class StarLabelsTest {

  private static final String WIDGET =
      """
      apiVersion: example.com/v1
      kind: Widget
      metadata:
        name: w1
        namespace: apps
        labels: {app: web, tier: front}
        annotations: {note: hi}
      spec:
        keys: {"app.kubernetes.io/name": shop, "a b": c}
        digits: {"9lives": cat}
        reserved: {"__hidden": x, "_x": y, "": e}
        values: {count: 3, ratio: 0.5, enabled: true, nested: {a: 1}, list: [1], nothing: null}
        text: plain
        list: [{a: 1}]
        items:
          - {name: a, labels: {colour: red, app: other}}
          - {name: b, labels: {}}
      """;

  /** Series of one metric as "name{labels} value" lines, sorted. */
  private static List<String> series(String resourceLabels, String metric) {
    CompiledConfig config =
        TestConfigs.compile(
            """
            resources:
              - group: example.com
                version: v1
                kind: Widget
                metricPrefix: widget
                labels: %s
                metrics:
                  - %s
            """
                .formatted(resourceLabels, metric));
    Evaluation evaluation =
        ObjectEvaluator.evaluate(config.resources().get(0), TestConfigs.object(WIDGET));
    assertEquals(List.of(), evaluation.errors());
    return evaluation.series().stream()
        .map(s -> s.family().name() + s.labels() + " " + s.value())
        .sorted()
        .toList();
  }

  static Stream<Arguments> metricLevel() {
    return Stream.of(
        Arguments.of("prefix", "{label_*: $.metadata.annotations}", "{label_note=hi}"),
        Arguments.of("bare star", "{\"*\": $.metadata.annotations}", "{note=hi}"),
        Arguments.of(
            "keys are sanitized", "{k_*: $.spec.keys}", "{k_a_b=c, k_app_kubernetes_io_name=shop}"),
        Arguments.of("leading digit, bare", "{\"*\": $.spec.digits}", "{_9lives=cat}"),
        // sanitized with the prefix, as kube-state-metrics does: no '_' after a prefix
        Arguments.of("leading digit, prefixed", "{p_*: $.spec.digits}", "{p_9lives=cat}"),
        Arguments.of("'__' and empty dropped", "{\"*\": $.spec.reserved}", "{_x=y}"),
        Arguments.of("'__' after a prefix dropped", "{_*: $.spec.reserved}", "{_=e}"),
        Arguments.of(
            "numbers and booleans as text; maps, lists and nulls left out",
            "{\"*\": $.spec.values}",
            "{count=3, enabled=true, ratio=0.5}"),
        Arguments.of(
            "explicit wins, written after",
            "{\"*\": $.metadata.labels, app: fixed}",
            "{app=fixed, tier=front}"),
        Arguments.of(
            "explicit wins, written before",
            "{app: fixed, \"*\": $.metadata.labels}",
            "{app=fixed, tier=front}"),
        Arguments.of(
            "explicit that selects nothing leaves the copy",
            "{app: $.spec.absent, \"*\": $.metadata.labels}",
            "{app=web, tier=front}"),
        Arguments.of("text adds nothing", "{\"*\": $.spec.text, x: \"1\"}", "{x=1}"),
        Arguments.of("list adds nothing", "{\"*\": $.spec.list, x: \"1\"}", "{x=1}"),
        Arguments.of("missing adds nothing", "{\"*\": $.spec.absent, x: \"1\"}", "{x=1}"),
        Arguments.of(
            "several stars",
            "{a_*: $.metadata.annotations, b_*: $.metadata.annotations}",
            "{a_note=hi, b_note=hi}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metricLevel")
  void copiesTheMapIntoLabels(String description, String labels, String expected) {
    assertEquals(
        List.of("widget_info" + expected + " 1.0"),
        series("{}", "{name: info, type: info, labels: " + labels + "}"));
  }

  static Stream<Arguments> otherPlaces() {
    return Stream.of(
        Arguments.of(
            "resource level",
            "{name: $.metadata.name, \"*\": $.metadata.labels}",
            "{name: info, type: info}",
            List.of("widget_info{app=web, name=w1, tier=front} 1.0")),
        Arguments.of(
            "resource star, metric explicit wins",
            "{\"*\": $.metadata.labels}",
            "{name: info, type: info, labels: {app: fixed}}",
            List.of("widget_info{app=fixed, tier=front} 1.0")),
        Arguments.of(
            "resource explicit, metric star replaces it",
            "{app: fixed}",
            "{name: info, type: info, labels: {\"*\": $.metadata.labels}}",
            List.of("widget_info{app=web, tier=front} 1.0")),
        Arguments.of(
            "with each",
            "{name: $.metadata.name}",
            "{name: item, type: info, each: $.spec.items, labels: {item: \"@.name\", \"*\":"
                + " \"@.labels\"}}",
            List.of(
                "widget_item{app=other, colour=red, item=a, name=w1} 1.0",
                "widget_item{item=b, name=w1} 1.0")),
        Arguments.of(
            "gauge",
            "{}",
            "{name: count, type: gauge, value: $.spec.values.count, labels: {l_*:"
                + " $.metadata.labels}}",
            List.of("widget_count{l_app=web, l_tier=front} 3.0")),
        Arguments.of(
            "count: only its own labels",
            "{\"*\": $.metadata.annotations}",
            "{name: objects, type: count, labels: {\"*\": $.metadata.labels}}",
            List.of("widget_objects{app=web, tier=front} 1.0")),
        Arguments.of(
            "stateset: the state label is set after the copies",
            "{}",
            "{name: phase, type: stateset, state: $.metadata.labels.tier, states: [front, back],"
                + " stateLabel: tier, labels: {\"*\": $.metadata.labels}}",
            List.of(
                "widget_phase{app=web, tier=back} 0.0", "widget_phase{app=web, tier=front} 1.0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherPlaces")
  void copiesWhereverLabelsAre(
      String description, String resourceLabels, String metric, List<String> expected) {
    assertEquals(expected, series(resourceLabels, metric));
  }
}
