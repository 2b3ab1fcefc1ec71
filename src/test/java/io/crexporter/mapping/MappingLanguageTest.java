package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.TestConfigs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fallbacks, presence, value maps, nested {@code each} and CEL expressions, metric by metric: the
 * series one object gives, and how many evaluation errors.
 */
class MappingLanguageTest {

  private static final String ROUTE =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: web
        namespace: shop
        labels: {team: payments}
        annotations: {}
      spec:
        hostnames: []
        replicas: 3
      status:
        phase: Degraded
        message: ""
        observedGeneration: 4
        since: "2024-05-06T14:02:12Z"
        parents:
          - parentRef: {name: gw-a}
            controllerName: example.com/gateway
            conditions:
              - {type: Accepted, status: "True"}
              - {type: ResolvedRefs, status: "False"}
          - parentRef: {name: gw-b}
            conditions:
              - {type: Accepted, status: "True"}
          - parentRef: {name: gw-c}
        capacity: {cpu: "2", memory: 1Gi}
      """;

  static Stream<Arguments> cases() {
    return Stream.of(
        // fallbacks
        Arguments.of(
            "value: the first path that resolves wins",
            "{name: generation, type: gauge, value: [$.status.generation, $.status.observedGeneration, 0]}",
            List.of("route_generation{name=web} 4.0"),
            0),
        Arguments.of(
            "value: a constant at the end is the default",
            "{name: generation, type: gauge, value: [$.status.generation, $.status.none, -1]}",
            List.of("route_generation{name=web} -1.0"),
            0),
        Arguments.of(
            "value: nothing resolves: no series, one error",
            "{name: generation, type: gauge, value: [$.status.generation, $.status.none]}",
            List.of(),
            1),
        Arguments.of(
            "label: first of several, then a constant",
            "{name: info, type: info, labels: {owner: [$.metadata.labels.owner,"
                + " $.metadata.labels.team, unknown], other: [$.x, $.y, unknown]}}",
            List.of("route_info{name=web, other=unknown, owner=payments} 1.0"),
            0),
        Arguments.of(
            "label: an expression among the choices",
            "{name: info, type: info, labels: {owner: [$.metadata.labels.owner, {cel:"
                + " \"object.metadata.namespace + '-team'\"}]}}",
            List.of("route_info{name=web, owner=shop-team} 1.0"),
            0),
        // presence
        Arguments.of(
            "present: a value is 1",
            "{name: has_phase, type: gauge, value: $.status.phase, valueType: present}",
            List.of("route_has_phase{name=web} 1.0"),
            0),
        Arguments.of(
            "present: a missing path is 0, not an error",
            "{name: has_reason, type: gauge, value: $.status.reason, valueType: present}",
            List.of("route_has_reason{name=web} 0.0"),
            0),
        Arguments.of(
            "present: empty text is 0, read from an each element",
            "{name: p, type: gauge, each: [{path: \"$.status\", labels: {}}], value:"
                + " \"@.message\", valueType: present}",
            List.of("route_p{name=web} 0.0"),
            0),
        Arguments.of(
            "present: an empty list is 0",
            "{name: hostnames, type: gauge, value: $.spec.hostnames, valueType: present}",
            List.of("route_hostnames{name=web} 0.0"),
            0),
        Arguments.of(
            "present: an empty map is 0",
            "{name: annotated, type: gauge, value: $.metadata.annotations, valueType: present}",
            List.of("route_annotated{name=web} 0.0"),
            0),
        Arguments.of(
            "present: a list with items is 1",
            "{name: parents, type: gauge, value: $.status.parents, valueType: present}",
            List.of("route_parents{name=web} 1.0"),
            0),
        Arguments.of(
            "present: a filter that matches is 1, one that does not 0",
            "{name: accepted, type: gauge, each: \"$.status.parents[*]\", labels: {gateway:"
                + " \"@.parentRef.name\"}, value: \"@.conditions[?(@.type == 'Accepted')]\","
                + " valueType: present}",
            List.of(
                "route_accepted{gateway=gw-a, name=web} 1.0",
                "route_accepted{gateway=gw-b, name=web} 1.0",
                "route_accepted{gateway=gw-c, name=web} 0.0"),
            0),
        // value maps
        Arguments.of(
            "valueMap: a phase as one gauge",
            "{name: phase, type: gauge, value: $.status.phase, valueMap: {Ready: 1, Degraded:"
                + " 0.5, Failed: 0}}",
            List.of("route_phase{name=web} 0.5"),
            0),
        Arguments.of(
            "valueMap: a value not listed is an error without a default",
            "{name: phase, type: gauge, value: $.status.phase, valueMap: {Ready: 1}}",
            List.of(),
            1),
        Arguments.of(
            "valueMap: '*' is the default, NaN allowed",
            "{name: phase, type: gauge, value: $.status.phase, valueMap: {Ready: 1, \"*\": NaN}}",
            List.of("route_phase{name=web} NaN"),
            0),
        Arguments.of(
            "valueMap: numbers and booleans are matched by their text",
            "{name: replicas, type: gauge, value: $.spec.replicas, valueMap: {\"3\": 30, \"*\":"
                + " 0}}",
            List.of("route_replicas{name=web} 30.0"),
            0),
        Arguments.of(
            "valueMap: a missing value with nilIsZero is 0",
            "{name: phase, type: gauge, value: $.status.none, nilIsZero: true, valueMap: {Ready:"
                + " 1}}",
            List.of("route_phase{name=web} 0.0"),
            0),
        // nested each
        Arguments.of(
            "nested each: labels from both levels",
            "{name: condition, type: gauge, each: [{path: \"$.status.parents[*]\", labels:"
                + " {gateway: \"@.parentRef.name\"}}, {path: \"@.conditions[*]\"}], labels:"
                + " {type: \"@.type\"}, value: \"@.status\", valueType: bool}",
            List.of(
                "route_condition{gateway=gw-a, name=web, type=Accepted} 1.0",
                "route_condition{gateway=gw-a, name=web, type=ResolvedRefs} 0.0",
                "route_condition{gateway=gw-b, name=web, type=Accepted} 1.0"),
            0),
        Arguments.of(
            "nested each: a level without items gives no series and no error",
            "{name: condition, type: info, each: [{path: \"$.status.parents[2:]\", labels:"
                + " {gateway: \"@.parentRef.name\"}}, {path: \"@.conditions\"}], labels: {type:"
                + " \"@.type\"}}",
            List.of(),
            0),
        Arguments.of(
            "nested each: the parent through CEL",
            "{name: condition, type: info, each: [{path: \"$.status.parents[*]\"}, {path:"
                + " \"@.conditions[*]\"}], labels: {type: \"@.type\", controller: {cel:"
                + " \"has(parents[0].controllerName) ? parents[0].controllerName : 'none'\"}}}",
            List.of(
                "route_condition{controller=example.com/gateway, name=web, type=Accepted} 1.0",
                "route_condition{controller=example.com/gateway, name=web, type=ResolvedRefs} 1.0",
                "route_condition{controller=none, name=web, type=Accepted} 1.0"),
            0),
        Arguments.of(
            "nested each: a map entry level with its key label",
            "{name: capacity, type: gauge, each: [{path: \"$.status\", labels: {phase:"
                + " \"@.phase\"}}, {path: \"@.capacity\", keyLabel: resource}], value: \"@\","
                + " valueType: quantity}",
            List.of(
                "route_capacity{name=web, phase=Degraded, resource=cpu} 2.0",
                "route_capacity{name=web, phase=Degraded, resource=memory} 1.073741824E9"),
            0),
        Arguments.of(
            "nested each: a stateset per condition",
            "{name: status, type: stateset, each: [{path: \"$.status.parents[*]\", labels:"
                + " {gateway: \"@.parentRef.name\"}}, {path: \"@.conditions[?(@.type =="
                + " 'Accepted')]\"}], state: \"@.status\", states: [\"True\", \"False\"]}",
            List.of(
                "route_status{gateway=gw-a, name=web, state=False} 0.0",
                "route_status{gateway=gw-a, name=web, state=True} 1.0",
                "route_status{gateway=gw-b, name=web, state=False} 0.0",
                "route_status{gateway=gw-b, name=web, state=True} 1.0"),
            0),
        // CEL
        Arguments.of(
            "cel: a value",
            "{name: replicas, type: gauge, value: {cel: \"object.spec.replicas * 2\"}}",
            List.of("route_replicas{name=web} 6.0"),
            0),
        Arguments.of(
            "cel: a boolean value",
            "{name: accepted, type: gauge, value: {cel: \"object.status.parents.all(p,"
                + " has(p.conditions) && p.conditions.exists(c, c.type == 'Accepted' &&"
                + " c.status == 'True'))\"}}",
            List.of("route_accepted{name=web} 0.0"),
            0),
        Arguments.of(
            "cel: a timestamp is seconds since the epoch",
            "{name: since, type: gauge, value: {cel: \"timestamp(object.status.since)\"}}",
            List.of("route_since{name=web} 1.715004132E9"),
            0),
        Arguments.of(
            "cel: text read by the value type",
            "{name: memory, type: gauge, value: {cel: \"object.status.capacity.memory\"},"
                + " valueType: quantity}",
            List.of("route_memory{name=web} 1.073741824E9"),
            0),
        Arguments.of(
            "cel: a missing field drops the series as a missing path does",
            "{name: x, type: gauge, value: {cel: \"object.status.none + 1\"}}",
            List.of(),
            1),
        Arguments.of(
            "cel: a missing field with nilIsZero is 0",
            "{name: x, type: gauge, nilIsZero: true, value: {cel: \"object.status.none\"}}",
            List.of("route_x{name=web} 0.0"),
            0),
        Arguments.of(
            "cel: a missing field drops only its series",
            "{name: x, type: gauge, each: \"$.status.parents[*]\", labels: {gateway:"
                + " \"@.parentRef.name\"}, value: {cel: \"100 / size(element.conditions)\"}}",
            List.of(
                "route_x{gateway=gw-a, name=web} 50.0", "route_x{gateway=gw-b, name=web} 100.0"),
            1),
        Arguments.of(
            "cel: a type mismatch at run time is an error for that series only",
            "{name: x, type: gauge, each: \"$.status.parents[*]\", labels: {gateway:"
                + " \"@.parentRef.name\"}, value: {cel: \"element.parentRef.name == 'gw-b' ?"
                + " element.parentRef.name + 1 : 1\"}}",
            List.of("route_x{gateway=gw-a, name=web} 1.0", "route_x{gateway=gw-c, name=web} 1.0"),
            1),
        Arguments.of(
            "cel: each over an expression's list",
            "{name: gateway, type: info, each: {cel: \"object.status.parents.filter(p,"
                + " has(p.conditions))\"}, labels: {gateway: \"@.parentRef.name\", conditions: {cel:"
                + " \"string(size(element.conditions))\"}}}",
            List.of(
                "route_gateway{conditions=1, gateway=gw-b, name=web} 1.0",
                "route_gateway{conditions=2, gateway=gw-a, name=web} 1.0"),
            0),
        Arguments.of(
            "cel: each over a map with a key label",
            "{name: capacity, type: gauge, each: {cel: \"object.status.capacity\"}, keyLabel:"
                + " resource, value: \"@\", valueType: quantity}",
            List.of(
                "route_capacity{name=web, resource=cpu} 2.0",
                "route_capacity{name=web, resource=memory} 1.073741824E9"),
            0),
        Arguments.of(
            "cel: a star label from a map built by the expression",
            "{name: info, type: info, labels: {\"x_*\": {cel: \"{'ns': object.metadata.namespace,"
                + " 'kind': object.kind}\"}}}",
            List.of("route_info{name=web, x_kind=HTTPRoute, x_ns=shop} 1.0"),
            0),
        Arguments.of(
            "cel: a state",
            "{name: phase, type: stateset, state: {cel: \"object.status.phase == 'Degraded' ?"
                + " 'Bad' : 'Good'\"}, states: [Good, Bad]}",
            List.of(
                "route_phase{name=web, state=Bad} 1.0", "route_phase{name=web, state=Good} 0.0"),
            0),
        Arguments.of(
            "cel: a label that fails is left out and counted",
            "{name: info, type: info, labels: {n: {cel: \"string(1 / (size(object.spec.hostnames)))\"}}}",
            List.of("route_info{name=web} 1.0"),
            1),
        Arguments.of(
            "cel: a comprehension beyond the iteration limit fails, the others stay",
            "{name: x, type: gauge, value: {cel: \"[1,2,3,4,5,6,7,8,9,10].map(a,"
                + " [1,2,3,4,5,6,7,8,9,10].map(b, [1,2,3,4,5,6,7,8,9,10].map(c,"
                + " [1,2,3,4,5,6,7,8,9,10].map(d, [1,2,3,4,5,6,7,8,9,10].map(e, a)))))[0][0][0][0][0]\"}}",
            List.of(),
            1));
  }

  /** A resource label whose expression fails is left out of every metric, and counted for each. */
  @Test
  void aFailingResourceLabelIsCountedForEveryMetric() {
    CompiledConfig config =
        TestConfigs.compile(
            """
            resources:
              - group: gateway.networking.k8s.io
                version: v1
                kind: HTTPRoute
                metricPrefix: route
                labels:
                  name: $.metadata.name
                  hosts: {cel: "string(10 / size(object.spec.hostnames))"}
                metrics:
                  - {name: info, type: info}
                  - {name: replicas, type: gauge, value: $.spec.replicas}
            """);
    Evaluation evaluation =
        ObjectEvaluator.evaluate(config.resources().get(0), TestConfigs.object(ROUTE));
    assertEquals(
        List.of("route_info{name=web} 1.0", "route_replicas{name=web} 3.0"),
        evaluation.series().stream()
            .map(s -> s.family().name() + s.labels() + " " + s.value())
            .sorted()
            .toList());
    assertEquals(
        List.of("route_info", "route_replicas"),
        evaluation.errors().stream().map(EvaluationError::metric).sorted().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void seriesOfOneObject(String description, String metric, List<String> expected, int errors) {
    CompiledConfig config =
        TestConfigs.compile(
            """
            resources:
              - group: gateway.networking.k8s.io
                version: v1
                kind: HTTPRoute
                metricPrefix: route
                labels: {name: $.metadata.name}
                metrics:
                  - %s
            """
                .formatted(metric));
    Evaluation evaluation =
        ObjectEvaluator.evaluate(config.resources().get(0), TestConfigs.object(ROUTE));
    assertEquals(
        expected,
        evaluation.series().stream()
            .map(s -> s.family().name() + s.labels() + " " + s.value())
            .sorted()
            .toList());
    assertEquals(errors, evaluation.errors().size(), evaluation.errors().toString());
  }
}
