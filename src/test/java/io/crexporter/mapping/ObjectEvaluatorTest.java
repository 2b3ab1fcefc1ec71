package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.TestConfigs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ObjectEvaluatorTest {

  private static final String BUILD =
      """
      apiVersion: kpack.io/v1alpha2
      kind: Build
      metadata:
        name: b1
        namespace: apps
        creationTimestamp: "2024-05-06T14:02:12Z"
      spec:
        tags: [registry/app]
        replicas: "3"
      status:
        conditions:
          - {type: Succeeded, status: "True", lastTransitionTime: "2024-05-06T14:05:47Z"}
          - {type: Ready, status: Sideways}
        buildMetadata:
          - {id: paketo/java, version: 1.0.0}
          - {id: paketo/node}
      """;

  private static Evaluation evaluate(String metricsYaml) {
    CompiledConfig config =
        TestConfigs.compile(
            """
            resources:
              - group: kpack.io
                version: v1alpha2
                kind: Build
                metricPrefix: kpack_build
                labels:
                  namespace: $.metadata.namespace
                  name: $.metadata.name
                metrics:
            """
                + metricsYaml.indent(6));
    return ObjectEvaluator.evaluate(config.resources().get(0), TestConfigs.object(BUILD));
  }

  /** Series as "name{labels} value" lines, sorted. */
  private static List<String> lines(Evaluation evaluation) {
    return evaluation.series().stream()
        .map(s -> s.family().name() + s.labels() + " " + s.value())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void infoIsOneWithResourceAndMetricLabels() {
    Evaluation e = evaluate("- {name: info, type: info, labels: {image: \"$.spec.tags[0]\"}}");
    assertEquals(
        List.of("kpack_build_info{image=registry/app, name=b1, namespace=apps} 1.0"), lines(e));
    assertEquals(List.of(), e.errors());
  }

  @Test
  void labelThatSelectsNothingIsLeftOut() {
    Evaluation e =
        evaluate("- {name: info, type: info, labels: {image: $.spec.nothing, constant: fixed}}");
    assertEquals(
        List.of("kpack_build_info{constant=fixed, name=b1, namespace=apps} 1.0"), lines(e));
  }

  @Test
  void metricLabelsOverrideResourceLabels() {
    Evaluation e = evaluate("- {name: info, type: info, labels: {name: \"$.spec.tags[0]\"}}");
    assertEquals(List.of("kpack_build_info{name=registry/app, namespace=apps} 1.0"), lines(e));
  }

  @Test
  void gaugeConvertsItsValue() {
    Evaluation e =
        evaluate(
            """
            - {name: replicas, type: gauge, value: $.spec.replicas}
            - {name: created, type: gauge, value: $.metadata.creationTimestamp, valueType: timestamp}
            - {name: constant, type: gauge, value: 2.5}
            """);
    assertEquals(
        List.of(
            "kpack_build_constant{name=b1, namespace=apps} 2.5",
            "kpack_build_created{name=b1, namespace=apps} 1.715004132E9",
            "kpack_build_replicas{name=b1, namespace=apps} 3.0"),
        lines(e));
  }

  @Test
  void filterMatchingSeveralElementsTakesTheFirst() {
    Evaluation e =
        evaluate(
            "- {name: done, type: gauge, value: \"$.status.conditions[?(@.type != 'x')].lastTransitionTime\"}");
    assertEquals(List.of("kpack_build_done{name=b1, namespace=apps} 1.715004347E9"), lines(e));
  }

  @Test
  void missingValueDropsTheSeriesAndCountsAnError() {
    Evaluation e = evaluate("- {name: missing, type: gauge, value: $.status.nothing}");
    assertEquals(List.of(), lines(e));
    assertEquals(1, e.errors().size());
    assertEquals(EvaluationError.Reason.MISSING, e.errors().get(0).reason());
    assertEquals("kpack_build_missing", e.errors().get(0).metric());
  }

  @Test
  void nilIsZeroTurnsAMissingValueIntoZero() {
    Evaluation e = evaluate("- {name: paused, type: gauge, value: $.spec.paused, nilIsZero: true}");
    assertEquals(List.of("kpack_build_paused{name=b1, namespace=apps} 0.0"), lines(e));
    assertEquals(List.of(), e.errors());
  }

  @Test
  void unconvertibleValueDropsOnlyThatSeries() {
    Evaluation e =
        evaluate(
            """
            - {name: bad, type: gauge, value: "$.spec.tags[0]"}
            - {name: good, type: gauge, value: $.spec.replicas}
            """);
    assertEquals(List.of("kpack_build_good{name=b1, namespace=apps} 3.0"), lines(e));
    assertEquals(EvaluationError.Reason.INVALID, e.errors().get(0).reason());
    assertTrue(e.errors().get(0).detail().contains("registry/app"), e.errors().get(0).detail());
  }

  @Test
  void stateSetMarksTheCurrentStateAndKeepsTheOthersAtZero() {
    Evaluation e =
        evaluate(
            """
            - name: status
              type: stateset
              each: $.status.conditions[*]
              labels: {type: "@.type"}
              state: "@.status"
              states: ["True", "False", "Unknown"]
              stateLabel: status
            """);
    assertEquals(
        List.of(
            "kpack_build_status{name=b1, namespace=apps, status=False, type=Ready} 0.0",
            "kpack_build_status{name=b1, namespace=apps, status=False, type=Succeeded} 0.0",
            "kpack_build_status{name=b1, namespace=apps, status=True, type=Ready} 0.0",
            "kpack_build_status{name=b1, namespace=apps, status=True, type=Succeeded} 1.0",
            "kpack_build_status{name=b1, namespace=apps, status=Unknown, type=Ready} 0.0",
            "kpack_build_status{name=b1, namespace=apps, status=Unknown, type=Succeeded} 0.0"),
        lines(e));
    // "Sideways" is not a declared state: reported, and the set stays complete
    assertEquals(1, e.errors().size());
    assertTrue(e.errors().get(0).detail().contains("Sideways"));
  }

  @Test
  void eachYieldsOneGroupPerElementAndSkipsLabelsItLacks() {
    Evaluation e =
        evaluate(
            "- {name: involved_buildpacks, type: info, each: \"$.status.buildMetadata[*]\","
                + " labels: {buildpack: \"@.id\", version: \"@.version\"}}");
    assertEquals(
        List.of(
            "kpack_build_involved_buildpacks{buildpack=paketo/java, name=b1, namespace=apps, version=1.0.0} 1.0",
            "kpack_build_involved_buildpacks{buildpack=paketo/node, name=b1, namespace=apps} 1.0"),
        lines(e));
  }

  @Test
  void eachOverNothingYieldsNothingAndNoError() {
    Evaluation e =
        evaluate("- {name: x, type: gauge, each: \"$.status.absent[*]\", value: \"@.value\"}");
    assertEquals(List.of(), lines(e));
    assertEquals(List.of(), e.errors());
  }

  @Test
  void countCarriesOnlyItsOwnLabels() {
    Evaluation e =
        evaluate(
            "- {name: objects, type: count, labels: {succeeded: \"$.status.conditions[?(@.type"
                + " == 'Succeeded')].status\"}}");
    assertEquals(List.of("kpack_build_objects{succeeded=True} 1.0"), lines(e));
  }

  @Test
  void isTotalOnObjectsOfAnyShape() {
    CompiledConfig config =
        TestConfigs.compile(
            """
            resources:
              - version: v1
                kind: Thing
                labels: {name: $.metadata.name}
                metrics:
                  - {name: thing_info, type: info, labels: {x: $.spec.x}}
                  - {name: thing_value, type: gauge, value: $.spec.value}
                  - name: thing_state
                    type: stateset
                    each: $.spec.items
                    state: "@"
                    states: [a, b]
            """);
    ResourceMapping mapping = config.resources().get(0);
    List<Object> shapes =
        List.of(
            Map.of(),
            Map.of("metadata", "text", "spec", List.of(1, 2)),
            Map.of("spec", Map.of("x", Map.of("deep", 1), "value", List.of(), "items", "notalist")),
            new TreeMap<>(Map.of("spec", Map.of("items", List.of(Map.of("k", 1), "a", 3)))));
    for (Object shape : shapes) {
      Evaluation e = ObjectEvaluator.evaluate(mapping, shape);
      assertTrue(e.series().stream().allMatch(s -> s.family() != null), shape.toString());
    }
  }
}
