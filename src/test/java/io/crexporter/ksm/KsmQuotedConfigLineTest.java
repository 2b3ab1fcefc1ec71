package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration in a quoted string (as {@code kubectl create configmap --from-file} writes one
 * whose lines end in spaces) is one line of the file: its problems are reported on that line.
 */
class KsmQuotedConfigLineTest {

  @TempDir Path dir;

  @Test
  void aProblemInADoubleQuotedStringIsOnTheStringsLine() throws IOException {
    Path file = dir.resolve("configmap.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\n"
            + "kind: ConfigMap\n"
            + "data:\n"
            + "  config.yaml: \"kind: CustomResourceStateMetrics\\nspec:\\n  resources:\\n"
            + "  - groupVersionKind: {group: myteam.io, version: v1, kind: Foo}\\n"
            + "    metrics:\\n    - name: up  \\n      each: {type: Gauges}\\n\"\n"
            + "metadata: {name: ksm}\n");
    Cli.Result result = Cli.validate(file);
    assertEquals(
        file
            + ":4: data.config.yaml.spec.resources[0].metrics[0].each.type: unknown type"
            + " 'Gauges'; expected Gauge, Info or StateSet\n1 configuration problem\n",
        result.err());
  }

  @Test
  void aProblemInASingleQuotedHelmValueIsOnItsLine() throws IOException {
    Path file = dir.resolve("values.yaml");
    Files.writeString(
        file,
        "customResourceState:\n"
            + "  enabled: true\n"
            + "  config: 'spec: {resources: [{groupVersionKind: {version: v1, kind: Foo},"
            + " metrics: [{name: up, each: {type: Gauges}}]}]}'\n");
    Cli.Result result = Cli.validate(file);
    assertEquals(
        file
            + ":3: customResourceState.config.spec.resources[0].metrics[0].each.type: unknown"
            + " type 'Gauges'; expected Gauge, Info or StateSet\n1 configuration problem\n",
        result.err());
  }
}
