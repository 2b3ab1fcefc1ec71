package io.crexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions, fallbacks, value maps, presence and nested {@code each} written wrong: each problem
 * is reported when the mapping loads, at its file, line and YAML path.
 */
class MappingLanguageProblemsTest {

  @TempDir Path dir;

  static java.util.stream.Stream<Arguments> cases() {
    return java.util.stream.Stream.of(
        Arguments.of(
            "value: {cel: \"object.status.\"}",
            "m.yaml:8: resources[0].metrics[0].value.cel: invalid CEL expression 'object.status.':"
                + " no viable alternative at input '.' (column 15)"),
        Arguments.of(
            "value: {cel: \"object.x.nope()\"}",
            "m.yaml:8: resources[0].metrics[0].value.cel: invalid CEL expression"
                + " 'object.x.nope()': undeclared reference to 'nope' (in container '') (column 14)"),
        Arguments.of(
            "value: {cel: \"[1, 2]\"}",
            "m.yaml:8: resources[0].metrics[0].value.cel: the CEL expression '[1, 2]' gives a list;"
                + " expected bool or double or int or string or uint"),
        Arguments.of(
            "value: {cel: \"1\", extra: 2}",
            "m.yaml:8: resources[0].metrics[0].value.extra: unknown key 'extra'; expected one of"
                + " [cel]"),
        Arguments.of(
            "value: []",
            "m.yaml:8: resources[0].metrics[0].value: an empty list of choices; give paths,"
                + " expressions or constants"),
        Arguments.of(
            "value: [1, $.status.x]",
            "m.yaml:8: resources[0].metrics[0].value[1]: a constant always gives a value: no"
                + " choice after it is read"),
        Arguments.of(
            "value: [$.status.x, [$.y]]",
            "m.yaml:8: resources[0].metrics[0].value[1]: a choice is one path, expression or"
                + " constant, not a list"),
        Arguments.of(
            "value: [$.status.x, text]",
            "m.yaml:8: resources[0].metrics[0].value[1]: expected a path starting with '$' or"
                + " '@', {cel: expression} or a number; found 'text'"),
        Arguments.of(
            "value: $.status.phase\n    valueMap: {Ready: one}",
            "m.yaml:9: resources[0].metrics[0].valueMap.Ready: expected a number (or NaN, +Inf,"
                + " -Inf), found 'one'"),
        Arguments.of(
            "value: $.status.phase\n    valueMap: [Ready]",
            "m.yaml:9: resources[0].metrics[0].valueMap: expected a mapping of values to numbers,"
                + " such as {Ready: 1, Failed: 0, \"*\": NaN}"),
        Arguments.of(
            "value: $.status.phase\n    valueType: number\n    valueMap: {Ready: 1}",
            "m.yaml:9: resources[0].metrics[0].valueType: 'valueMap' gives the value of each"
                + " text; remove 'valueType'"),
        Arguments.of(
            "value: $.status.phase\n    valueType: presence",
            "m.yaml:9: resources[0].metrics[0].valueType: unknown value type 'presence'; expected"
                + " one of auto, number, bool, timestamp, duration, quantity, percent, present,"
                + " ksm"),
        Arguments.of(
            "value: \"@\"\n    each: [\"$.status.a[*]\"]",
            "m.yaml:9: resources[0].metrics[0].each[0]: a level of 'each' is a mapping: {path:"
                + " ..., labels: {...}} or {cel: ..., labels: {...}}"),
        Arguments.of(
            "value: \"@\"\n    each: [{path: \"$.a[*]\", cel: \"[]\"}]",
            "m.yaml:9: resources[0].metrics[0].each[0]: a level of 'each' has either 'path' or"
                + " 'cel'"),
        Arguments.of(
            "value: \"@\"\n    each: [{path: \"$.a[*]\"}, {cel: \"'x'\"}]",
            "m.yaml:9: resources[0].metrics[0].each[1].cel: the CEL expression ''x'' gives a"
                + " string; expected list or map"),
        Arguments.of(
            "value: \"@\"\n    each: [{path: \"$.a[*]\", labels: {bad-name: \"@.x\"}}]",
            "m.yaml:9: resources[0].metrics[0].each[0].labels.bad-name: 'bad-name' is not a valid"
                + " label name (letters, digits and '_', not starting with a digit)"),
        Arguments.of(
            "value: \"@\"\n    keyLabel: k\n    each: [{path: \"$.a\"}]",
            "m.yaml:9: resources[0].metrics[0].keyLabel: with levels under 'each', give"
                + " 'keyLabel' in the level whose map it iterates"),
        Arguments.of(
            "value: \"@\"\n    each: {cel: \"object.a\", labels: {}}",
            "m.yaml:9: resources[0].metrics[0].each.labels: unknown key 'labels'; expected one of"
                + " [cel]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportedWithFileLineAndPath(String gauge, String expected) throws IOException {
    Path file = dir.resolve("m.yaml");
    Files.writeString(
        file,
        """
        resources:
          - group: example.com
            version: v1
            kind: Widget
            metrics:
              - name: x
                type: gauge
                %s
        """
            .formatted(gauge.replace("\n    ", "\n        ")));
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(List.of(file)));
    assertEquals(
        List.of(expected),
        e.problems().stream().map(p -> p.toString().replace(dir + "/", "")).toList());
  }
}
