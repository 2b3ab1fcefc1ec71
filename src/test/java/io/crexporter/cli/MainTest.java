package io.crexporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void validateAcceptsTheShippedMappings() {
    Result result = run("validate", "--config", "config/");
    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().startsWith("OK: "), result.out());
  }

  @Test
  void validatePrintsEveryProblemAndFails() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "resources:\n  - version: v1\n    kind: A\n    metrics:\n      - {name: a, type: nope}\n      - {type: info}\n");
    Result result = run("validate", "--config", bad.toString());
    assertEquals(1, result.status());
    assertTrue(
        result.err().contains(bad + ":5: resources[0].metrics[0].type: unknown metric type 'nope'"),
        result.err());
    assertTrue(
        result.err().contains(bad + ":6: resources[0].metrics[1]: missing 'name'"), result.err());
    assertTrue(result.err().endsWith("2 configuration problems\n"), result.err());
    assertFalse(result.err().contains("Exception"), result.err());
  }

  @Test
  void serveRefusesAnInvalidConfigurationAndServesNothing() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "resources:\n  - version: v1\n    metrics: [{name: a, type: info}]\n");
    Result result =
        run("serve", "--config", bad.toString(), "--port", "0", "--address", "127.0.0.1");
    assertEquals(1, result.status());
    assertEquals(bad + ":2: resources[0]: missing 'kind'\n1 configuration problem\n", result.err());
  }

  @Test
  void renderPrintsTheExpositionOnce() {
    Result result = run("render", "--config", "config/kpack.yaml", "--objects", "examples/kpack");
    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().contains("# TYPE kpack_build_info gauge\n"), result.out());
    assertFalse(result.out().contains("jvm_"), "render shows only mapped series");
  }

  /** validate and render take expressions, fallbacks, value maps and nested each. */
  @Test
  void validateAndRenderTheWholeMappingLanguage() {
    String features = "src/test/resources/language/features.yaml";
    Result validate = run("validate", "--config", features);
    assertEquals(0, validate.status(), validate.err());
    Result render =
        run(
            "render",
            "-c",
            features,
            "-o",
            "src/test/resources/fixtures/kubevirt/examples/vmi-running.yaml");
    assertEquals(0, render.status(), render.err());
    assertTrue(
        render.out().contains("example_vmi_vcpus{name=\"vm-cirros\",namespace=\"default\"} 1.0"),
        render.out());
    assertTrue(render.out().contains("example_vmi_phase_value{"), render.out());
  }

  @Test
  void renderWritesOpenMetricsWhenAsked() {
    Result result =
        run("render", "-c", "config/kpack.yaml", "-o", "examples/kpack", "--openmetrics");
    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().endsWith("# EOF\n"), result.out());
  }

  @Test
  void unknownOptionsAreAOneLineUsageError() {
    Result result = run("serve", "--config", "config/", "--prot", "9090");
    assertEquals(2, result.status());
    assertTrue(result.err().startsWith("error: Unknown option: '--prot'"), result.err());
    assertTrue(
        result.err().endsWith("\nTry 'custom-resource-exporter serve --help'.\n"), result.err());
    assertEquals(2, result.err().lines().count(), result.err());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--shard 1 | --shard and --total-shards go together",
        "--total-shards 3 | --shard and --total-shards go together",
        "--shard 3 --total-shards 3 | shard 3 does not exist among 3 (0 to 2)",
        "--shard 0 --total-shards 0 | the total of shards must be at least 1, not 0",
        "--pod cre-0 | --pod and --pod-namespace go together",
        "--pod cre --pod-namespace monitoring | pod name \"cre\" is not a StatefulSet pod's",
        "--pod cre-0 --pod-namespace m --shard 0 --total-shards 2 | not both",
        "--objects examples/ --shard 0 --total-shards 2 | not with --objects or --demo",
      })
  void shardingOptionsThatDoNotAddUpAreUsageErrors(String options, String message) {
    List<String> args = new java.util.ArrayList<>(List.of("serve", "--config", "config/"));
    args.addAll(List.of(options.split(" ")));
    Result result = run(args.toArray(String[]::new));
    assertEquals(2, result.status(), result.err());
    assertTrue(result.err().startsWith("error: "), result.err());
    assertTrue(result.err().contains(message), result.err());
    assertEquals(2, result.err().lines().count(), result.err());
  }

  @Test
  void missingFilesAreAOneLineError() {
    Result result = run("render", "--config", "config/", "--objects", "no/such/dir");
    assertEquals(1, result.status());
    assertEquals("error: objects path not found: no/such/dir\n", result.err());
    Result config = run("validate", "--config", "missing.yaml");
    assertEquals("error: mapping file not found: missing.yaml\n", config.err());
  }

  @Test
  void missingRequiredOptionsAreUsageErrors() {
    Result result = run("render", "--config", "config/");
    assertEquals(2, result.status());
    assertTrue(
        result.err().startsWith("error: Missing required option: '--objects=PATH'"), result.err());
  }

  @Test
  void demoRendersTheBundledMappingsAndExamples() {
    Result result = run("render", "--demo");
    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().contains("\nkpack_build_involved_buildpacks{"), result.out());
    assertTrue(result.out().contains("\nflux_kustomization_status{"), result.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "render", "validate"})
  void everyCommandHasHelp(String command) {
    Result result = run(command, "--help");
    assertEquals(0, result.status());
    assertTrue(result.out().contains("Usage: custom-resource-exporter " + command), result.out());
    assertTrue(result.out().contains("--config"), result.out());
  }

  @Test
  void topLevelHelpListsTheCommands() {
    Result result = run("--help");
    assertEquals(0, result.status());
    assertTrue(
        result.out().contains("serve")
            && result.out().contains("render")
            && result.out().contains("validate"));
  }

  @Test
  void noArgumentsAtAllIsAUsageError() {
    Result result = run();
    assertEquals(2, result.status());
    assertTrue(result.err().contains("Usage: custom-resource-exporter"), result.err());
    assertEquals("", result.out());
  }

  @Test
  void anUnwritableOutputSaysWhy(@TempDir Path dir) {
    Path output = dir.resolve("no/such/dir/out.yaml");
    Path ksm =
        Path.of(
            "src/test/resources/ksm/configs/"
                + "fluxcd__flux2-monitoring-example__kube-state-metrics-config.yaml");
    Result result = run("convert", "--config", ksm.toString(), "--output", output.toString());
    assertEquals(1, result.status(), result.err());
    assertTrue(
        result.err().endsWith("error: cannot write " + output + ": no such file or directory\n"),
        result.err());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"--max-series=0", "--max-series-per-metric=-1", "--max-label-value-length=0"})
  void limitsMustBeAboveZero(String option) {
    Result result = run("serve", "--demo", option);
    assertEquals(2, result.status(), result.err());
    assertTrue(result.err().contains("must be above 0"), result.err());
  }

  @Test
  void anAddressInUseIsNamed() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Result result =
          run("serve", "--demo", "--address", "127.0.0.1", "--port", Integer.toString(port));
      assertEquals(1, result.status(), result.err());
      assertTrue(
          result.err().startsWith("error: cannot listen on 127.0.0.1:" + port + ": "),
          result.err());
      assertEquals(1, result.err().lines().count(), result.err());
    }
  }
}
