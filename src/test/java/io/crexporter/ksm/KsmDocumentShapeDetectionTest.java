package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format of a document is told by its keys wherever they are: not by which key comes first, nor
 * by the first entry of a list alone.
 */
class KsmDocumentShapeDetectionTest {

  static final String METRICS =
      """
          metrics:
            - name: uptime
              help: Foo uptime
              each: {type: Gauge, gauge: {path: [status, uptime]}}
      """;

  @TempDir Path dir;

  Cli.Result validate(String yaml) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return Cli.validate(file);
  }

  @Test
  void aDocumentThatIsAListIsOneProblemAtItsFirstLine() throws IOException {
    // kube-state-metrics reads a CustomResourceStateMetrics object: a list is not one
    Cli.Result result =
        validate(
            "# a list of resources without 'resources:'\n"
                + "- groupVersionKind: {group: myteam.io, version: v1, kind: Foo}\n"
                + METRICS.replace("    metrics", "  metrics"));
    assertEquals(1, result.status());
    assertEquals(
        dir.resolve("config.yaml")
            + ":2: not a mapping file: expected a mapping at the top\n1 configuration problem\n",
        result.err());
  }

  @Test
  void helmValuesWithAListForConfigSayWhatConfigHolds() throws IOException {
    Cli.Result result =
        validate(
            """
            customResourceState:
              enabled: true
              config:
                - groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
            """);
    assertEquals(1, result.status());
    assertEquals(
        dir.resolve("config.yaml")
            + ":4: customResourceState.config: expected a CustomResourceStateMetrics configuration"
            + " (with 'spec.resources'), as YAML or as a string of YAML; found a list\n"
            + "1 configuration problem\n",
        result.err());
  }

  @Test
  void specAfterOtherKeysAndGroupVersionKindAfterMetrics() throws IOException {
    Cli.Result result =
        validate(
            """
            apiVersion: v1
            metadata: {name: foo}
            spec:
              resources:
                - metrics:
                    - name: uptime
                      each: {type: Gauge, gauge: {path: [status, uptime]}}
                  groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
            kind: CustomResourceStateMetrics
            """);
    assertEquals("OK: 1 resources, 1 metrics\n", result.out(), result.err());
  }

  @Test
  void aConfigMapWithDataBeforeKind() throws IOException {
    Cli.Result result =
        validate(
            """
            data:
              config.yaml: |
                spec:
                  resources:
                    - groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
                      metrics: [{name: uptime, each: {type: Gauge, gauge: {path: [status, uptime]}}}]
            metadata: {name: ksm-config}
            kind: ConfigMap
            """);
    assertEquals("OK: 1 resources, 1 metrics\n", result.out(), result.err());
  }

  @Test
  void aBareListIsKubeStateMetricsOnesWhenItsFirstEntryLacksGroupVersionKind() throws IOException {
    Cli.Result result =
        validate(
            """
            resources:
              - metrics: []
              - groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
            """
                + METRICS);
    assertEquals(1, result.status());
    assertEquals(
        dir.resolve("config.yaml")
            + ":2: resources[0]: missing 'groupVersionKind': the group, version and kind to read\n"
            + "1 configuration problem\n",
        result.err());
  }

  @Test
  void aBareListWhoseGroupVersionKindComesFromAMergeKey() throws IOException {
    Cli.Result result =
        validate(
            """
            foo: &foo
              groupVersionKind: {group: myteam.io, version: v1, kind: Foo}
            resources:
              - <<: *foo
            """
                + METRICS);
    assertEquals("OK: 1 resources, 1 metrics\n", result.out(), result.err());
  }
}
