package io.crexporter.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.TestConfigs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With {@code keyLabel}, an {@code each} that selects a map iterates its entries. */
class KeyLabelTest {

  private static final String NODE =
      """
      apiVersion: example.com/v1
      kind: Machine
      metadata: {name: m1}
      status:
        capacity: {cpu: "4", memory: 8Gi, pods: "110"}
        sub:
          type-a: {active: 1, ready: 2}
          type-b: {active: 3, ready: 4}
        partial: {x: {ready: 1}, y: {}, z: null}
        phases: {a: Running, b: Failed}
        scalars: {a: 1, b: 2.5, c: true}
        conditions: [{type: Ready, status: "True"}, {type: Synced, status: "False"}]
      """;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "gauge of each entry's value",
            "{name: capacity, type: gauge, each: $.status.capacity, keyLabel: resource,"
                + " value: \"@\", valueType: quantity}",
            List.of(
                "machine_capacity{name=m1, resource=cpu} 4.0",
                "machine_capacity{name=m1, resource=memory} 8.589934592E9",
                "machine_capacity{name=m1, resource=pods} 110.0"),
            0),
        Arguments.of(
            "@ alone is the entry's value, whatever its type",
            "{name: scalar, type: gauge, each: $.status.scalars, keyLabel: k, value: \"@\"}",
            List.of(
                "machine_scalar{k=a, name=m1} 1.0",
                "machine_scalar{k=b, name=m1} 2.5",
                "machine_scalar{k=c, name=m1} 1.0"),
            0),
        Arguments.of(
            "@ paths read the entry's value",
            "{name: ready, type: gauge, each: $.status.sub, keyLabel: type, value: \"@.ready\","
                + " labels: {active: \"@.active\"}}",
            List.of(
                "machine_ready{active=1, name=m1, type=type-a} 2.0",
                "machine_ready{active=3, name=m1, type=type-b} 4.0"),
            0),
        Arguments.of(
            "nilIsZero: an entry without the value gives 0; a null entry is skipped",
            "{name: ready, type: gauge, each: $.status.partial, keyLabel: k, value: \"@.ready\","
                + " nilIsZero: true}",
            List.of("machine_ready{k=x, name=m1} 1.0", "machine_ready{k=y, name=m1} 0.0"),
            0),
        Arguments.of(
            "without nilIsZero, that entry's series is dropped",
            "{name: ready, type: gauge, each: $.status.partial, keyLabel: k, value: \"@.ready\"}",
            List.of("machine_ready{k=x, name=m1} 1.0"),
            1),
        Arguments.of(
            "info",
            "{name: capacity_info, type: info, each: $.status.capacity, keyLabel: resource,"
                + " labels: {amount: \"@\"}}",
            List.of(
                "machine_capacity_info{amount=110, name=m1, resource=pods} 1.0",
                "machine_capacity_info{amount=4, name=m1, resource=cpu} 1.0",
                "machine_capacity_info{amount=8Gi, name=m1, resource=memory} 1.0"),
            0),
        Arguments.of(
            "stateset",
            "{name: phase, type: stateset, each: $.status.phases, keyLabel: pod, state: \"@\","
                + " states: [Running, Failed]}",
            List.of(
                "machine_phase{name=m1, pod=a, state=Failed} 0.0",
                "machine_phase{name=m1, pod=a, state=Running} 1.0",
                "machine_phase{name=m1, pod=b, state=Failed} 1.0",
                "machine_phase{name=m1, pod=b, state=Running} 0.0"),
            0),
        Arguments.of(
            "count",
            "{name: phases, type: count, each: $.status.phases, keyLabel: pod, labels: {phase:"
                + " \"@\"}}",
            List.of(
                "machine_phases{phase=Failed, pod=b} 1.0",
                "machine_phases{phase=Running, pod=a} 1.0"),
            0),
        Arguments.of(
            "the key wins over a label of the same name",
            "{name: capacity_info, type: info, each: $.status.capacity, keyLabel: name,"
                + " labels: {name: fixed}}",
            List.of(
                "machine_capacity_info{name=cpu} 1.0",
                "machine_capacity_info{name=memory} 1.0",
                "machine_capacity_info{name=pods} 1.0"),
            0),
        Arguments.of(
            "with a star label copying the entry's value",
            "{name: sub, type: info, each: $.status.sub, keyLabel: type, labels: {\"*\": \"@\"}}",
            List.of(
                "machine_sub{active=1, name=m1, ready=2, type=type-a} 1.0",
                "machine_sub{active=3, name=m1, ready=4, type=type-b} 1.0"),
            0),
        Arguments.of(
            "a list is iterated as without keyLabel, and the key label left out",
            "{name: condition, type: info, each: $.status.conditions, keyLabel: key,"
                + " labels: {type: \"@.type\"}}",
            List.of(
                "machine_condition{name=m1, type=Ready} 1.0",
                "machine_condition{name=m1, type=Synced} 1.0"),
            0),
        Arguments.of(
            "a wildcard selects the values: no key",
            "{name: capacity_info, type: info, each: \"$.status.capacity[*]\", keyLabel: resource,"
                + " labels: {amount: \"@\"}}",
            List.of(
                "machine_capacity_info{amount=110, name=m1} 1.0",
                "machine_capacity_info{amount=4, name=m1} 1.0",
                "machine_capacity_info{amount=8Gi, name=m1} 1.0"),
            0),
        Arguments.of(
            "a path that selects nothing gives nothing",
            "{name: absent, type: info, each: $.status.absent, keyLabel: k}",
            List.of(),
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void iteratesMapEntries(String description, String metric, List<String> expected, int errors) {
    CompiledConfig config =
        TestConfigs.compile(
            """
            resources:
              - group: example.com
                version: v1
                kind: Machine
                metricPrefix: machine
                labels: {name: $.metadata.name}
                metrics:
                  - %s
            """
                .formatted(metric));
    Evaluation evaluation =
        ObjectEvaluator.evaluate(config.resources().get(0), TestConfigs.object(NODE));
    assertEquals(
        expected,
        evaluation.series().stream()
            .map(s -> s.family().name() + s.labels() + " " + s.value())
            .sorted()
            .toList());
    assertEquals(errors, evaluation.errors().size(), evaluation.errors().toString());
  }
}
