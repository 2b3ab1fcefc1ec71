package io.crexporter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** Problems as printed, with the temporary directory replaced by "DIR". */
  private List<String> problems(Path... paths) {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(List.of(paths)));
    return e.problems().stream()
        .map(p -> p.toString().replace(dir.toString(), "DIR"))
        .collect(Collectors.toList());
  }

  @Test
  void aFileReachedTwiceIsReadOnce() throws Exception {
    int once = ConfigLoader.load(List.of(Path.of("config/"))).resources().size();
    CompiledConfig twice =
        ConfigLoader.load(
            List.of(
                Path.of("config/"), Path.of("config/kpack.yaml"), Path.of("./config/kpack.yaml")));
    assertEquals(once, twice.resources().size());
  }

  @Test
  void maxSeriesIsAWholeNumberAboveZero() throws IOException {
    Path file =
        write(
            "m.yaml",
            """
            resources:
              - version: v1
                kind: Widget
                metrics:
                  - {name: a, help: a, type: info, maxSeries: 0}
                  - {name: b, help: b, type: info, maxSeries: many}
            """);
    assertEquals(
        List.of(
            "DIR/m.yaml:5: resources[0].metrics[0].maxSeries: expected a whole number above 0,"
                + " found '0'",
            "DIR/m.yaml:6: resources[0].metrics[1].maxSeries: expected a whole number above 0,"
                + " found 'many'"),
        problems(file));
  }

  @Test
  void aFileThatIsNotUtf8IsNamed() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(
        file,
        "resources: [{kind: Caf\u00e9}]\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(
        List.of("DIR/latin1.yaml: not UTF-8 text: YAML and JSON files must be UTF-8"),
        problems(file));
  }

  @Test
  void reportsEveryProblemWithFileLineAndPath() throws IOException {
    Path file =
        write(
            "kpack.yaml",
            """
            resources:
              - group: kpack.io
                version: v1alpha2
                kind: Build
                metricPrefix: kpack_build
                labels:
                  namespace: $.metadata.namespace
                  bad-label: $.metadata.name
                metrics:
                  - name: info
                    type: info
                    colour: blue
                  - name: status
                    type: stateset
                    state: "@.status"
                  - name: completed
                    type: gauge
                    value: "$.status.conditions[?(@.type == 'Succeeded'].lastTransitionTime"
                  - name: duration
                    type: gauge
                    value: $.status.duration
                    valueType: minutes
                  - name: broken
                    type: histogram
              - version: v1
                metrics: []
            """);
    assertEquals(
        List.of(
            "DIR/kpack.yaml:8: resources[0].labels.bad-label: 'bad-label' is not a valid label name"
                + " (letters, digits and '_', not starting with a digit)",
            "DIR/kpack.yaml:12: resources[0].metrics[0].colour: unknown key 'colour'; expected one"
                + " of [each, help, keyLabel, labels, maxSeries, name, type]",
            "DIR/kpack.yaml:13: resources[0].metrics[1]: missing 'states': a stateset lists its"
                + " possible states",
            "DIR/kpack.yaml:18: resources[0].metrics[2].value: invalid JSONPath"
                + " '$.status.conditions[?(@.type == 'Succeeded'].lastTransitionTime': Could not"
                + " parse token starting at position 19. Expected ?, ', 0-9, * ",
            "DIR/kpack.yaml:22: resources[0].metrics[3].valueType: unknown value type 'minutes';"
                + " expected one of auto, number, bool, timestamp, duration, quantity, percent, present, ksm",
            "DIR/kpack.yaml:24: resources[0].metrics[4].type: unknown metric type 'histogram';"
                + " expected one of info, gauge, stateset, count",
            "DIR/kpack.yaml:25: resources[1]: missing 'kind'",
            "DIR/kpack.yaml:26: resources[1].metrics: a resource needs at least one metric"),
        problems(file));
  }

  @Test
  void reportsProblemsAcrossFilesTogether() throws IOException {
    Path first =
        write(
            "a.yaml",
            """
            resources:
              - {version: v1, kind: A, metrics: [{name: shared, type: gauge, value: 1}]}
            """);
    Path second =
        write(
            "b.yaml",
            """
            resources:
              - version: v1
                kind: B
                metrics:
                  - {name: shared, type: info}
                  - {name: custom_resource_exporter_objects, type: info}
                  - {name: 9lives, type: info}
            """);
    assertEquals(
        List.of(
            "DIR/b.yaml:6: resources[0].metrics[1].name: 'custom_resource_exporter_objects' uses"
                + " the prefix 'custom_resource_exporter_', reserved for the exporter's own metrics",
            "DIR/b.yaml:7: resources[0].metrics[2].name: '9lives' is not a valid metric name"
                + " (letters, digits, '_' and ':', not starting with a digit)",
            "DIR/b.yaml:5: resources[0].metrics[0]: metric 'shared' is defined as info here but as"
                + " gauge at DIR/a.yaml:2"),
        problems(first, second));
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheirLine() throws IOException {
    Path file = write("broken.yaml", "resources:\n  - version: v1\n    kind: [A\n");
    List<String> problems = problems(file);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("DIR/broken.yaml:4: invalid YAML:"), problems.get(0));
  }

  @Test
  void reportsMissingFilesAndEmptyDirectories() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    assertEquals(
        List.of("DIR/nope.yaml: no such file or directory"), problems(dir.resolve("nope.yaml")));
    assertEquals(List.of("DIR/empty: no resources are mapped"), problems(dir.resolve("empty")));
  }

  @Test
  void rejectsDuplicateKeysAndDocumentsOfAnotherShape() throws IOException {
    Path file =
        write(
            "dup.yaml",
            """
            resources:
              - version: v1
                kind: A
                kind: B
                metrics: [{name: x, type: info}]
            ---
            apiVersion: v1
            kind: ConfigMap
            """);
    assertEquals(
        List.of(
            "DIR/dup.yaml:4: resources[0].kind: duplicate key 'kind'",
            "DIR/dup.yaml:7: not a mapping file: expected 'resources' (this exporter's format),"
                + " 'spec' (a kube-state-metrics CustomResourceStateMetrics), or kube-state-metrics"
                + " Helm values ('customResourceState.config'); found keys [apiVersion, kind]"),
        problems(file));
  }

  @Test
  void rejectsAStateLabelThatCollidesWithAMetricLabel() throws IOException {
    Path file =
        write(
            "s.yaml",
            """
            resources:
              - version: v1
                kind: A
                metrics:
                  - name: a_status
                    type: stateset
                    labels: {status: $.x}
                    state: $.y
                    states: [on, off]
                    stateLabel: status
            """);
    assertEquals(
        List.of(
            "DIR/s.yaml:10: resources[0].metrics[0].stateLabel: the state label 'status' is also a"
                + " metric label; set 'stateLabel' to another name"),
        problems(file));
  }

  @Test
  void loadsADirectoryRecursivelySkippingHiddenEntries() throws Exception {
    write(
        "sub/a.yaml",
        "resources: [{group: g.io, version: v1, kind: A, metrics: [{name: a_info, type: info}]}]");
    write(
        "b.yml",
        "resources: [{group: g.io, version: v1, kind: B, metrics: [{name: b_info, type: info}]}]");
    write(".hidden/c.yaml", "not: [valid");
    write("..2024_01_01/d.yaml", "not: [valid");
    write("notes.txt", "ignored");
    CompiledConfig config = ConfigLoader.load(List.of(dir));
    assertEquals(2, config.resources().size());
    assertEquals(1, config.mappingsFor("g.io/v1", "B").size());
    assertEquals(
        MetricType.INFO, config.mappingsFor("g.io/v1", "B").get(0).metrics().get(0).type());
  }

  @Test
  void readsOneKindWithOneSelection() throws IOException {
    Path file =
        write(
            "k.yaml",
            """
            resources:
              - group: g.io
                kind: A
                namespaces: [apps, ci]
                labelSelector: team=web
                fieldSelector: metadata.name!=skip
                metrics: [{name: a_info, type: info}]
              - group: g.io
                kind: A
                namespaces: [apps]
                metrics: [{name: a_other, type: info}]
            """);
    assertEquals(
        List.of(
            "DIR/k.yaml:8: resources[1]: A is also mapped at DIR/k.yaml:2 with another version,"
                + " plural, namespaces or selector; every entry of one kind must read the same"
                + " objects"),
        problems(file));
  }

  @Test
  void leavesVersionAndPluralToDiscoveryWhenNotGiven() throws Exception {
    Path file =
        write(
            "d.yaml",
            """
            resources:
              - group: g.io
                kind: A
                namespaces: [apps]
                labelSelector: team=web
                metrics: [{name: a_info, type: info}]
            """);
    var mapping = ConfigLoader.load(List.of(file)).resources().get(0);
    assertEquals("", mapping.resource().version());
    assertEquals("", mapping.resource().plural());
    assertEquals(List.of("apps"), mapping.selection().namespaces());
    assertEquals("team=web", mapping.selection().labelSelector());
    assertEquals(1, ConfigLoader.load(List.of(file)).mappingsFor("g.io/v2", "A").size());
  }

  @Test
  void mapsEveryKindOfAGroupBesideItsOwnKinds() throws Exception {
    Path file =
        write(
            "any.yaml",
            """
            resources:
              - group: g.io
                kind: "*"
                metrics: [{name: any_info, type: info}]
              - group: g.io
                version: v2
                kind: A
                namespaces: [apps]
                metrics: [{name: a_info, type: info}]
            """);
    CompiledConfig config = ConfigLoader.load(List.of(file));
    assertTrue(config.resources().get(0).resource().isAnyKind());
    assertEquals("", config.resources().get(0).resource().version());
    assertEquals(
        List.of("a_info", "any_info"),
        config.mappingsFor("g.io/v2", "A").stream().map(m -> m.metrics().get(0).name()).toList());
    assertEquals(1, config.mappingsFor("g.io/v1", "Other").size());
  }

  @Test
  void rejectsAPluralOrNoGroupForEveryKindAndTwoWaysOfReadingThem() throws IOException {
    Path file =
        write(
            "any.yaml",
            """
            resources:
              - group: g.io
                kind: "*"
                plural: things
                metrics: [{name: a_info, type: info}]
              - kind: "*"
                version: v1
                metrics: [{name: b_info, type: info}]
              - group: g.io
                version: v1
                kind: "*"
                metrics: [{name: c_info, type: info}]
            """);
    assertEquals(
        List.of(
            "DIR/any.yaml:4: resources[0].plural: kind \"*\" reads every kind of the group, each"
                + " with its own plural; remove 'plural'",
            "DIR/any.yaml:6: resources[1].kind: kind \"*\" reads every custom resource kind of a"
                + " group; the core group has none: name a 'group'",
            "DIR/any.yaml:9: resources[2]: Every kind of g.io is also mapped at DIR/any.yaml:2 with"
                + " another version, plural, namespaces or selector; every entry of one kind must"
                + " read the same objects"),
        problems(file));
  }

  @Test
  void acceptsManyAliasesToSharedMetrics() throws Exception {
    StringBuilder yaml = new StringBuilder("resources:\n");
    yaml.append("  - {kind: K0, metrics: [&status {name: status, type: info}]}\n");
    for (int i = 1; i <= 80; i++) {
      yaml.append("  - {kind: K").append(i).append(", metrics: [*status]}\n");
    }
    assertEquals(
        81, ConfigLoader.load(List.of(write("aliases.yaml", yaml.toString()))).resources().size());
  }

  @Test
  void mergeKeysCopyEntriesThatAreNotGivenExplicitly() throws Exception {
    Path file =
        write(
            "merge.yaml",
            """
            resources:
              - kind: A
                metrics:
                  - &base {name: a_status, help: Shared., type: info}
                  - <<: *base
                    name: a_other
            """);
    var metrics = ConfigLoader.load(List.of(file)).resources().get(0).metrics();
    assertEquals("a_other", metrics.get(1).name());
    assertEquals("Shared.", metrics.get(1).family().help());
    assertEquals(MetricType.INFO, metrics.get(1).type());
  }

  @Test
  void derivesPluralsLikeKubernetes() {
    assertEquals("builds", io.crexporter.mapping.ResourceId.defaultPlural("Build"));
    assertEquals("policies", io.crexporter.mapping.ResourceId.defaultPlural("Policy"));
    assertEquals("gateways", io.crexporter.mapping.ResourceId.defaultPlural("Gateway"));
    assertEquals("ingresses", io.crexporter.mapping.ResourceId.defaultPlural("Ingress"));
  }
}
