package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped alert rules pass {@code promtool check rules}, their unit tests pass {@code promtool
 * test rules}, and those unit tests show every alert both firing and not firing.
 */
class AlertRulesTest {

  static final Path RULES = Path.of("charts/custom-resource-exporter/files/prometheus-rules.yaml");
  static final Path RULE_TESTS = Path.of("src/test/resources/alerts/prometheus-rules-test.yaml");

  @Test
  void promtoolAcceptsTheRules(@TempDir Path directory) throws Exception {
    String output = promtool(directory, "check", "rules", RULES.toString());
    assertTrue(output.contains("SUCCESS: " + alerts().size() + " rules found"), output);
  }

  @Test
  void promtoolUnitTestsPass(@TempDir Path directory) throws Exception {
    String output = promtool(directory, "test", "rules", RULE_TESTS.toString());
    assertTrue(output.contains("SUCCESS"), output);
  }

  @Test
  void everyAlertHasAFiringAndANonFiringCase() throws IOException {
    Map<String, Object> tests = load(RULE_TESTS);
    assertEquals(
        List.of("../../../../charts/custom-resource-exporter/files/prometheus-rules.yaml"),
        tests.get("rule_files"),
        "the unit tests must load the shipped rule file");
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (Object test : (List<?>) tests.get("tests")) {
      for (Object alertTest : listOf(((Map<?, ?>) test).get("alert_rule_test"))) {
        Map<?, ?> c = (Map<?, ?>) alertTest;
        String alertname = (String) c.get("alertname");
        List<?> expected = listOf(c.get("exp_alerts"));
        (expected.isEmpty() ? quiet : firing).add(alertname);
        for (Object alert : expected) {
          Map<?, ?> labels = (Map<?, ?>) ((Map<?, ?>) alert).get("exp_labels");
          assertTrue(labels.containsKey("severity"), alertname + ": expected labels " + labels);
        }
      }
    }
    Set<String> alerts = alerts();
    assertFalse(alerts.isEmpty());
    List<String> problems = new ArrayList<>();
    for (String alert : alerts) {
      if (!firing.contains(alert)) {
        problems.add(alert + " has no case where it fires");
      }
      if (!quiet.contains(alert)) {
        problems.add(alert + " has no case where it does not fire");
      }
    }
    Set<String> unknown = new TreeSet<>(firing);
    unknown.addAll(quiet);
    unknown.removeAll(alerts);
    unknown.forEach(a -> problems.add("tests refer to " + a + ", which is not in " + RULES));
    assertEquals(List.of(), problems, RULE_TESTS.toString());
  }

  @Test
  void everyAlertHasSeverityAndRunbookAnnotations() throws IOException {
    for (Map<?, ?> rule : alertRules()) {
      String alert = (String) rule.get("alert");
      Map<?, ?> labels = (Map<?, ?>) rule.get("labels");
      assertTrue(
          Set.of("critical", "warning", "info").contains(labels.get("severity")),
          alert + ": severity " + labels);
      Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
      assertTrue(
          ((String) annotations.get("summary")).contains("$labels") || alert.endsWith("Absent"),
          alert + ": summary without labels");
      assertTrue(((String) annotations.get("description")).length() > 120, alert + ": description");
    }
  }

  /** Alert names of the rule file, in order; duplicates fail. */
  static Set<String> alerts() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (Map<?, ?> rule : alertRules()) {
      String alert = (String) rule.get("alert");
      assertTrue(names.add(alert), "duplicate alert " + alert);
    }
    return names;
  }

  /** The alerting rules (not recording rules) of the shipped rule file. */
  static List<Map<?, ?>> alertRules() throws IOException {
    List<Map<?, ?>> rules = new ArrayList<>();
    for (Object group : (List<?>) load(RULES).get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        if (((Map<?, ?>) rule).containsKey("alert")) {
          rules.add((Map<?, ?>) rule);
        }
      }
    }
    return rules;
  }

  private static List<?> listOf(Object value) {
    return value == null ? List.of() : (List<?>) value;
  }

  private static Map<String, Object> load(Path file) throws IOException {
    return new Yaml().load(Files.readString(file));
  }

  private static String promtool(Path directory, String... arguments) throws Exception {
    Path promtool = PrometheusBinaries.require("promtool");
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(arguments));
    Path output = directory.resolve("promtool.out");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("promtool " + String.join(" ", arguments) + " did not finish within 60 s");
    }
    String text = Files.readString(output);
    assertEquals(
        0, process.exitValue(), () -> "promtool " + String.join(" ", arguments) + ":\n" + text);
    return text;
  }
}
