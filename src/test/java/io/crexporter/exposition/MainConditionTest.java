package io.crexporter.exposition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import io.crexporter.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ready fixture object shows its main condition as {@code status="True"} 1 and every failed
 * one as {@code status="False"} 1, in the {@code <prefix>_status} state set of the shipped
 * mappings. Which condition is main depends on the kind (index.json says which objects are ready or
 * failed).
 */
class MainConditionTest {

  /**
   * The main condition of each kind, and the status it has when the object failed. Carvel sets one
   * condition at a time: success is ReconcileSucceeded=True, failure ReconcileFailed=True.
   */
  private record Rule(String readyType, String failedType, String failedStatus) {}

  private static final Map<String, Rule> RULES =
      Map.of(
          "Build", new Rule("Succeeded", "Succeeded", "False"),
          "PipelineRun", new Rule("Succeeded", "Succeeded", "False"),
          "TaskRun", new Rule("Succeeded", "Succeeded", "False"),
          "ImageScan", new Rule("Succeeded", "Succeeded", "False"),
          "SourceScan", new Rule("Succeeded", "Succeeded", "False"),
          "App", new Rule("ReconcileSucceeded", "ReconcileFailed", "True"),
          "PackageInstall", new Rule("ReconcileSucceeded", "ReconcileFailed", "True"),
          "PackageRepository", new Rule("ReconcileSucceeded", "ReconcileFailed", "True"));

  private static final Rule DEFAULT = new Rule("Ready", "Ready", "False");

  /**
   * The upstream index, and an {@code index.json} per domain for objects constructed where no
   * upstream example exists, in the same format ({@code file} relative to the fixtures root).
   */
  static Stream<Arguments> readyAndFailedExamples() throws Exception {
    List<Map<String, Object>> examples = new java.util.ArrayList<>();
    try (Stream<Path> walk = Files.walk(Fixtures.ROOT)) {
      for (Path index :
          walk.filter(p -> p.getFileName().toString().equals("index.json")).toList()) {
        examples.addAll(JsonPath.read(Files.readString(index), "$.examples[*]"));
      }
    }
    return examples.stream()
        .filter(
            e ->
                e.get("expected_health").equals("ready")
                    || e.get("expected_health").equals("failed"))
        .map(
            e ->
                Arguments.of(
                    e.get("file"),
                    e.get("kind"),
                    e.get("namespace"),
                    e.get("name"),
                    e.get("expected_health")));
  }

  @ParameterizedTest(name = "{0} is {4}")
  @MethodSource("readyAndFailedExamples")
  void showsTheMainCondition(String file, String kind, String namespace, String name, String health)
      throws Exception {
    Rule rule = RULES.getOrDefault(kind, DEFAULT);
    boolean ready = health.equals("ready");
    String type = ready ? rule.readyType() : rule.failedType();
    String status = ready ? "True" : rule.failedStatus();
    String text = Fixtures.render(Fixtures.mappingFiles(), List.of(Fixtures.ROOT.resolve(file)));
    boolean shown =
        text.lines()
            .anyMatch(
                line ->
                    line.matches("[a-z_]+_status\\{.*")
                        && line.contains("name=\"" + name + "\"")
                        // cluster-scoped kinds have no namespace
                        && (namespace == null || line.contains("namespace=\"" + namespace + "\""))
                        && line.contains("type=\"" + type + "\"")
                        && line.contains("status=\"" + status + "\"")
                        && line.endsWith(" 1.0"));
    assertTrue(
        shown, file + " should show " + type + "=" + status + " in a _status state set:\n" + text);
  }
}
