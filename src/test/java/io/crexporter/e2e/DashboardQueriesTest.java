package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.crexporter.Fixtures;
import io.crexporter.Polling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of the shipped dashboards and alert rules, run against a real Prometheus
 * that scrapes the exporter serving the shipped mappings over the shipped fixtures.
 *
 * <p>Objects: every file of {@link Fixtures#files()} becomes one object. Several files are the same
 * object in different states (same kind, namespace and name, often the same uid); the second and
 * later of those are renamed {@code <name>-<file name>} and every object gets a uid of its own, so
 * that the failing, running and ready states all show at once, as they would for different objects
 * in a cluster.
 *
 * <p>Every query must parse; every dashboard panel must return data, except those in {@link
 * #NO_DATA}, and those must not (so that the list stays true). Variables are checked too: {@code
 * label_values(selector, label)} must find values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DashboardQueriesTest {

  private static final String JOB = ScrapedExporter.JOB;

  /** Panels that cannot return data here, "file / panel title" → why. */
  static final Map<String, String> NO_DATA =
      Map.of(
          "exporter-health.json / Kinds",
          "custom_resource_exporter_resource_up comes from the API server source; the test reads files",
          "exporter-health.json / Time since last full list",
          "custom_resource_exporter_last_sync_timestamp_seconds: API server source only",
          "exporter-health.json / List and watch errors",
          "custom_resource_exporter_list_watch_errors_total: API server source only",
          "exporter-health.json / Watch events",
          "custom_resource_exporter_watch_events_total: API server source only",
          "exporter-health.json / Full lists",
          "custom_resource_exporter_lists_total: API server source only",
          "exporter-health.json / Duplicate series and source errors",
          "the fixtures have no duplicate series and no unreadable files");

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\)$", Pattern.DOTALL);

  private ScrapedExporter served;
  private PrometheusServer prometheus;

  @RegisterExtension
  final PrometheusLogOnFailure printPrometheusLogOnFailure =
      new PrometheusLogOnFailure(() -> prometheus);

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    PrometheusBinaries.require("prometheus");
    Path objects = Files.createDirectories(directory.resolve("objects"));
    writeDistinctObjects(objects);
    served = ScrapedExporter.serve(List.of(objects), false, directory);
    prometheus = served.prometheus();
    prometheus.awaitHealthyTarget(JOB);
    // rates need two scrapes of a counter that moved; the scrape histogram moves every scrape
    Polling.until(
        Duration.ofSeconds(30),
        "a rate over the exporter's scrapes",
        () ->
            prometheus
                .api()
                .query("rate(custom_resource_exporter_scrape_duration_seconds_count[1m]) > 0"),
        samples -> !samples.isEmpty());
  }

  @AfterAll
  void stop() throws Exception {
    if (served != null) {
      served.close();
    }
  }

  @Test
  void noObjectIsLostOrDuplicated() throws Exception {
    assertEquals(
        List.of(),
        prometheus.api().query("custom_resource_exporter_duplicate_series > 0"),
        "two fixture objects gave the same series");
    double objects = prometheus.api().single("sum(custom_resource_exporter_objects)").value();
    // Alert and Provider (flux-constructed) map to gotk_resource_info, like every other Flux kind
    assertEquals(Fixtures.files().size(), (int) objects, "objects mapped");
  }

  @Test
  void everyDashboardQueryParsesAndEveryPanelReturnsData() throws Exception {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, Integer> queriesPerDashboard = new TreeMap<>();
    for (String file : DashboardsInSyncTest.jsonFiles(DashboardsInSyncTest.DASHBOARDS)) {
      DocumentContext json =
          JsonPath.parse(Files.readString(DashboardsInSyncTest.DASHBOARDS.resolve(file)));
      List<String> variables = json.read("$.templating.list[*].name");
      List<Map<String, Object>> panels = json.read("$.panels[?(@.type != 'row')]");
      for (Map<String, Object> panel : panels) {
        String key = file + " / " + panel.get("title");
        seen.add(key);
        boolean data = false;
        for (Object target : (List<?>) panel.get("targets")) {
          String expr = substitute((String) ((Map<?, ?>) target).get("expr"), variables);
          queriesPerDashboard.merge(file, 1, Integer::sum);
          try {
            data |= !prometheus.api().query(expr).isEmpty();
          } catch (IOException e) {
            problems.add(key + ": " + e.getMessage());
          }
        }
        if (!data && !NO_DATA.containsKey(key)) {
          problems.add(key + ": no data");
        } else if (data && NO_DATA.containsKey(key)) {
          problems.add(key + ": returns data now; remove it from NO_DATA");
        }
      }
      List<Map<String, Object>> queryVariables =
          json.read("$.templating.list[?(@.type == 'query')]");
      for (Map<String, Object> variable : queryVariables) {
        String definition = (String) variable.get("definition");
        Matcher matcher = LABEL_VALUES.matcher(definition);
        String key = file + " / variable " + variable.get("name");
        if (!matcher.matches()) {
          problems.add(key + ": not label_values(selector, label): " + definition);
          continue;
        }
        String expr =
            "count by (" + matcher.group(2) + ") (" + substitute(matcher.group(1), variables) + ")";
        try {
          if (prometheus.api().query(expr).isEmpty()) {
            problems.add(key + ": no values from " + expr);
          }
        } catch (IOException e) {
          problems.add(key + ": " + e.getMessage());
        }
      }
    }
    for (String key : NO_DATA.keySet()) {
      if (!seen.contains(key)) {
        problems.add(key + " is in NO_DATA but no such panel exists");
      }
    }
    assertEquals(List.of(), problems, "queries per dashboard: " + queriesPerDashboard);
    assertEquals(6, queriesPerDashboard.size());
  }

  @Test
  void everyAlertExpressionParses() throws Exception {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> withData = new LinkedHashMap<>();
    for (Map<?, ?> rule : AlertRulesTest.alertRules()) {
      String alert = (String) rule.get("alert");
      try {
        withData.put(alert, prometheus.api().query((String) rule.get("expr")).size());
      } catch (IOException e) {
        problems.add(alert + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), problems);
    // the fixtures hold failing objects of these kinds, so these alerts would be pending now
    for (String alert :
        List.of(
            "FluxSourceNotReady",
            "FluxKustomizationNotReady",
            "FluxHelmReleaseNotReady",
            "CartographerWorkloadNotReady",
            "CartographerDeliverableNotReady",
            "CarvelPackageInstallFailing",
            "KubeVirtVirtualMachineNotRunning")) {
      assertTrue(withData.get(alert) > 0, alert + " finds nothing in the fixtures: " + withData);
    }
    assertEquals(0, withData.get("CustomResourceExporterDown"), "the exporter is up");
    assertEquals(0, withData.get("CustomResourceExporterAbsent"), "the exporter is scraped");
  }

  /**
   * Grafana's substitutions with concrete values: the dashboard's own variables match everything
   * (their "All" value), intervals become one minute. {@code $1} in label_replace is left alone.
   */
  static String substitute(String expr, List<String> variables) {
    String result =
        expr.replace("$__rate_interval", "1m")
            .replace("$__interval", "1m")
            .replace("$__range", "1h");
    for (String variable : variables) {
      result =
          result
              .replace("${" + variable + "}", ".*")
              .replaceAll("\\$" + variable + "\\b", Matcher.quoteReplacement(".*"));
    }
    return result;
  }

  /**
   * Copies every fixture file into {@code directory} as a distinct object: the first file of a
   * kind, namespace and name keeps its name; later ones (other states of the same object) get
   * {@code -<file name>} appended. Every object gets a uid derived from its file.
   */
  static void writeDistinctObjects(Path directory) throws IOException {
    Pattern kind = Pattern.compile("(?m)^kind: (\\S+)$");
    Pattern namespace = Pattern.compile("(?m)^  namespace: (\\S+)$");
    Pattern name = Pattern.compile("(?m)^  name: (\\S+)$");
    Pattern uid = Pattern.compile("(?m)^  uid: \\S+$");
    Set<String> identities = new HashSet<>();
    for (Path file : Fixtures.files()) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      String objectName = first(name, text, file);
      String identity =
          first(kind, text, file)
              + "/"
              + (namespace.matcher(text).find() ? first(namespace, text, file) : "")
              + "/"
              + objectName;
      if (!identities.add(identity)) {
        text = name.matcher(text).replaceFirst("  name: " + objectName + "-" + stem);
      }
      String fresh =
          UUID.nameUUIDFromBytes(file.toString().getBytes(StandardCharsets.UTF_8)).toString();
      text = uid.matcher(text).replaceFirst("  uid: " + fresh);
      String target = Fixtures.ROOT.relativize(file).toString().replace('/', '_');
      Files.writeString(directory.resolve(target), text, StandardCharsets.UTF_8);
    }
  }

  private static String first(Pattern pattern, String text, Path file) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), file + ": no match for " + pattern);
    return matcher.group(1);
  }
}
