package io.crexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Star labels and {@code keyLabel} are checked when the mapping loads, with file and line. */
class StarAndKeyLabelProblemsTest {

  @TempDir Path dir;

  private List<String> problems(String yaml) throws IOException {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, yaml);
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(List.of(file)));
    return e.problems().stream().map(p -> p.toString().replace(dir.toString(), "DIR")).toList();
  }

  private static String prefixProblem(String prefix) {
    return "'"
        + prefix
        + "*' copies a map into labels named '"
        + prefix
        + "<key>'; the text before '*' must start a valid label name (letters, digits and '_',"
        + " not starting with a digit or '__')";
  }

  @Test
  void starLabelPrefixesMustStartValidLabelNames() throws IOException {
    assertEquals(
        List.of(
            "DIR/m.yaml:6: resources[0].labels.1x*: " + prefixProblem("1x"),
            "DIR/m.yaml:7: resources[0].labels.a-b*: " + prefixProblem("a-b"),
            "DIR/m.yaml:8: resources[0].labels.__x*: " + prefixProblem("__x"),
            "DIR/m.yaml:9: resources[0].labels.**: " + prefixProblem("*"),
            "DIR/m.yaml:15: resources[0].metrics[0].labels.a*b*: " + prefixProblem("a*b"),
            "DIR/m.yaml:16: resources[0].metrics[0].labels.*: expected a path starting with '$'"
                + " (object root) or '@' (current element), or {cel: expression}; found 'constant'",
            "DIR/m.yaml:17: resources[0].metrics[0].labels.x_*: invalid JSONPath"
                + " '$.status.conditions[?(@.type == 'Succeeded'].x': Could not parse token"
                + " starting at position 19. Expected ?, ', 0-9, * "),
        problems(
            """
            resources:
              - version: v1
                kind: Widget
                labels:
                  ok_*: $.metadata.labels
                  1x*: $.metadata.labels
                  a-b*: $.metadata.labels
                  __x*: $.metadata.labels
                  "**": $.metadata.labels
                  _*: $.metadata.labels
                metrics:
                  - name: info
                    type: info
                    labels:
                      a*b*: $.metadata.labels
                      "*": constant
                      x_*: "$.status.conditions[?(@.type == 'Succeeded'].x"
            """));
  }

  @Test
  void stateLabelCollidesWithResourceLabelsToo() throws IOException {
    assertEquals(
        List.of(
            "DIR/m.yaml:10: resources[0].metrics[0].stateLabel: the state label 'phase' is also a"
                + " label of the resource; set 'stateLabel' to another name"),
        problems(
            """
            resources:
              - version: v1
                kind: Widget
                labels: {name: $.metadata.name, phase: $.status.phase}
                metrics:
                  - name: status
                    type: stateset
                    state: $.status.phase
                    states: [a, b]
                    stateLabel: phase
            """));
  }

  @Test
  void stateLabelStillCollidesWithExplicitLabelsNextToStarLabels() throws IOException {
    assertEquals(
        List.of(
            "DIR/m.yaml:9: resources[0].metrics[0].stateLabel: the state label 'status' is also a"
                + " metric label; set 'stateLabel' to another name"),
        problems(
            """
            resources:
              - version: v1
                kind: Widget
                metrics:
                  - name: status
                    type: stateset
                    state: $.status.phase
                    states: [a, b]
                    stateLabel: status
                    labels: {"*": $.metadata.labels, status: $.status.phase}
            """));
  }

  @Test
  void keyLabelNeedsEachAValidNameAndNotTheStateLabel() throws IOException {
    assertEquals(
        List.of(
            "DIR/m.yaml:7: resources[0].metrics[0].keyLabel: 'keyLabel' names the label holding"
                + " the key of each entry of the map 'each' selects; add 'each'",
            "DIR/m.yaml:11: resources[0].metrics[1].keyLabel: 'bad-name' is not a valid label"
                + " name (letters, digits and '_', not starting with a digit)",
            "DIR/m.yaml:15: resources[0].metrics[2].keyLabel: label names starting with '__' are"
                + " reserved by Prometheus: '__key'",
            "DIR/m.yaml:20: resources[0].metrics[3].keyLabel: the key label 'state' is also the"
                + " state label; give 'keyLabel' or 'stateLabel' another name",
            "DIR/m.yaml:27: resources[0].metrics[4].keyLabel: the key label 'phase' is also the"
                + " state label; give 'keyLabel' or 'stateLabel' another name"),
        problems(
            """
            resources:
              - version: v1
                kind: Widget
                metrics:
                  - name: capacity
                    type: gauge
                    keyLabel: resource
                    value: $.status.capacity.cpu
                  - name: a
                    type: info
                    keyLabel: bad-name
                    each: $.status.capacity
                  - name: b
                    type: count
                    keyLabel: __key
                    each: $.status.capacity
                  - name: c
                    type: stateset
                    each: $.status.phases
                    keyLabel: state
                    state: "@"
                    states: [Running]
                  - name: d
                    type: stateset
                    each: $.status.phases
                    stateLabel: phase
                    keyLabel: phase
                    state: "@"
                    states: [Running]
                  - name: fine
                    type: stateset
                    each: $.status.phases
                    keyLabel: pod
                    state: "@"
                    states: [Running]
            """));
  }
}
