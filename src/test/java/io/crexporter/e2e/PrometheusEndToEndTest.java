package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.Polling;
import io.crexporter.e2e.PrometheusHttpApi.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter as Prometheus sees it: the exporter runs in-process on the shipped mappings and a
 * copy of the examples, a real Prometheus scrapes it every second, and the assertions read the
 * stored series back through Prometheus' query API. This covers what unit tests of the exposition
 * cannot: content negotiation with a real scraper, names and labels surviving ingestion, and
 * staleness when objects change or go away.
 *
 * <p>One exporter and one Prometheus serve the whole class because starting Prometheus takes
 * several seconds; the test that edits object files therefore runs after the one that checks the
 * unedited examples.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusEndToEndTest {

  private static final String JOB = ScrapedExporter.JOB;
  private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(20);
  private static final String BUILD_1_SUCCEEDED =
      "kpack_build_status{name=\"tutorial-image-build-1\",type=\"Succeeded\"}";
  private static final String FLUX_SYSTEM_GIT_REPOSITORY_STATUS =
      "flux_git_repository_status{namespace=\"flux-system\",name=\"podinfo\"}";

  private Path workDir;
  private Path objects;
  private ScrapedExporter served;

  @RegisterExtension
  final PrometheusLogOnFailure printPrometheusLogOnFailure =
      new PrometheusLogOnFailure(() -> served == null ? null : served.startedPrometheus());

  @BeforeAll
  void startExporter(@TempDir Path directory) throws Exception {
    workDir = directory;
    // a copy, because one test edits and deletes object files
    objects = directory.resolve("objects");
    copyTree(Path.of("examples"), objects);
    served = ScrapedExporter.serve(List.of(objects), true, directory);
    assertEquals(
        List.of(), served.exporter().notReady(), "object sources not synced after start()");
  }

  @AfterAll
  void stopAll() throws Exception {
    if (served != null) {
      served.close();
    }
  }

  @Test
  @Order(1)
  void prometheusStoresTheMappedSeriesOfTheExamples() throws Exception {
    Map<String, Object> target = prometheus().awaitHealthyTarget(JOB);
    assertEquals("", target.get("lastError"), "last scrape error of " + target);
    assertEquals(exporterUri().resolve("/metrics").toString(), target.get("scrapeUrl"));
    assertEquals(1.0, value("up{job=\"" + JOB + "\"}"));

    assertEquals(
        Map.of("True", 1.0, "False", 0.0, "Unknown", 0.0), valuesBy("status", BUILD_1_SUCCEEDED));
    assertEquals(
        1.0,
        value(
            "flux_git_repository_status{namespace=\"flux-system\",type=\"Ready\",status=\"False\"}"));
    assertEquals(7.0, value("count(kpack_build_involved_buildpacks)"));
    assertEquals(
        Map.of("True", 1.0, "False", 1.0, "Unknown", 1.0),
        valuesBy("succeeded", "kpack_build_objects{namespace=\"default\"}"));

    Sample buildInfo = prometheus().api().single("custom_resource_exporter_build_info");
    assertEquals(1.0, buildInfo.value());
    assertEquals(System.getProperty("java.version"), buildInfo.labels().get("java_version"));
    assertEquals(1.0, value("custom_resource_exporter_config_last_reload_successful"));
    assertEquals(3.0, value("custom_resource_exporter_objects{group=\"kpack.io\",kind=\"Build\"}"));
    assertEquals(9.0, value("custom_resource_exporter_series{metric=\"kpack_build_status\"}"));
    assertTrue(
        value("count({__name__=~\"jvm_.+\",job=\"" + JOB + "\"})") > 10,
        "JVM metrics were requested but few or none were scraped");

    // "info" exists only in OpenMetrics (the text format says "gauge"), so this shows that
    // Prometheus negotiated OpenMetrics, and that the HELP text of a mapping arrived intact
    assertEquals("info", metadata("custom_resource_exporter_build").get("type"));
    Map<String, Object> status = metadata("kpack_build_status");
    assertEquals("gauge", status.get("type"));
    assertEquals(
        "Conditions of a kpack object, one series per condition type and status.",
        status.get("help"));

    // samples Prometheus rejected (duplicates, out of order) leave lastError empty; count them
    String prometheusMetrics = prometheus().api().get("/metrics");
    for (String rejected :
        List.of(
            "prometheus_target_scrapes_sample_duplicate_timestamp_total",
            "prometheus_target_scrapes_sample_out_of_order_total",
            "prometheus_target_scrapes_sample_out_of_bounds_total",
            "prometheus_target_scrapes_exceeded_sample_limit_total")) {
      assertEquals(0.0, unlabelledValue(prometheusMetrics, rejected), rejected);
    }
  }

  @Test
  @Order(2)
  void editedAndDeletedObjectFilesReachPrometheus() throws Exception {
    prometheus().awaitHealthyTarget(JOB);
    assertEquals(1.0, valuesBy("status", BUILD_1_SUCCEEDED).get("True"), "before the edit");
    // 4 condition types times 3 states
    assertEquals(12, prometheus().api().query(FLUX_SYSTEM_GIT_REPOSITORY_STATUS).size());

    Path build = objects.resolve("kpack/build-succeeded.yaml");
    String succeeded = Files.readString(build);
    String failed =
        succeeded.replace(
            "status: \"True\"\n    type: Succeeded", "status: \"False\"\n    type: Succeeded");
    assertNotEquals(succeeded, failed, build + " no longer has the condition this test edits");
    replaceAtomically(build, failed);
    Files.delete(objects.resolve("flux/gitrepository-failed-auth.yaml"));

    PrometheusHttpApi api = prometheus().api();
    Polling.until(
        CHANGE_TIMEOUT,
        "the edited Succeeded condition in " + BUILD_1_SUCCEEDED,
        () -> valuesBy("status", BUILD_1_SUCCEEDED),
        Map.of("True", 0.0, "False", 1.0, "Unknown", 0.0)::equals);
    Polling.until(
        CHANGE_TIMEOUT,
        "the builds counted by outcome to follow the edit",
        () -> valuesBy("succeeded", "kpack_build_objects{namespace=\"default\"}"),
        // a count that drops to zero goes away with its series
        Map.of("False", 2.0, "Unknown", 1.0)::equals);
    // Prometheus marks the series of the deleted object stale, so queries stop returning them
    Polling.until(
        CHANGE_TIMEOUT,
        "the series of the deleted GitRepository to go stale",
        () -> api.query(FLUX_SYSTEM_GIT_REPOSITORY_STATUS),
        List::isEmpty);
    assertEquals(1.0, value("count(flux_git_repository_info)"), "the other GitRepository stays");
  }

  @Test
  @Order(3)
  void promtoolAcceptsTheTextExposition(@TempDir Path directory) throws Exception {
    PrometheusBinaries.require("promtool");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(exporterUri().resolve("/metrics"))
                    .header("Accept", "text/plain")
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode());
    assertEquals(
        Optional.of("text/plain; version=0.0.4; charset=utf-8"),
        response.headers().firstValue("Content-Type"));
    String exposition = response.body();
    // promtool accepts empty input, so make sure it gets to check the interesting parts
    for (String family :
        List.of("kpack_build_status", "flux_helm_release_info", "custom_resource_exporter_")) {
      assertTrue(exposition.contains("\n" + family), family + " missing from\n" + exposition);
    }

    Promtool.assertMetricsPass(directory, exposition);
  }

  private PrometheusServer prometheus() throws IOException, InterruptedException {
    return served.prometheus();
  }

  private URI exporterUri() {
    return served.uri();
  }

  /** The value of a query that must return exactly one sample. */
  private double value(String promql) throws IOException, InterruptedException {
    return prometheus().api().single(promql).value();
  }

  private Map<String, Double> valuesBy(String label, String promql)
      throws IOException, InterruptedException {
    return prometheus().api().valuesBy(label, promql);
  }

  /** Type, help and unit Prometheus recorded for a metric family of the exporter. */
  private Map<String, Object> metadata(String family) throws IOException, InterruptedException {
    return prometheus()
        .api()
        .targetMetadata(JOB, family)
        .orElseThrow(() -> new AssertionError("Prometheus has no metadata for " + family));
  }

  /** A metric without labels from a text exposition, read line by line. */
  private static double unlabelledValue(String exposition, String name) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not found in Prometheus' own metrics"));
  }

  /**
   * Writes next to the objects, not among them, and renames into place, as editors and ConfigMap
   * updates do, so that the watcher never reads a half-written file.
   */
  private void replaceAtomically(Path file, String content) throws IOException {
    Path staged = Files.writeString(workDir.resolve("staged.yaml"), content);
    Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy);
        }
      }
    }
  }
}
