package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.config.Yamls;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricRule;
import io.crexporter.mapping.ResourceMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flux's own kube-state-metrics configuration (fluxcd/flux2-monitoring-example,
 * kube-prometheus-stack values) on the Flux fixture objects: the gotk_resource_info series Flux's
 * dashboards query.
 */
class KsmFluxMonitoringConfigTest {

  static final Path CONFIGS = Path.of("src/test/resources/ksm/configs");
  static final Path VALUES =
      CONFIGS.resolve("fluxcd__flux2-monitoring-example__kube-state-metrics-config.yaml");
  static final Path EXTRACTED =
      CONFIGS.resolve("fluxcd__flux2-monitoring-example__crs-config.extracted.yaml");
  static final Path SHIPPED = Path.of("config/flux-gotk.yaml");
  static final List<Path> FIXTURES =
      List.of(
          Path.of("src/test/resources/fixtures/flux/examples"),
          Path.of("src/test/resources/fixtures/flux-constructed/examples"));
  static final String INFO = "gotk_resource_info";
  static final Set<String> GVK_LABELS =
      Set.of("customresource_group", "customresource_version", "customresource_kind");

  static Stream<Path> fixtureFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : FIXTURES) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  static Map<String, Object> object(Path file) throws IOException {
    return Yamls.create().load(Files.readString(file));
  }

  /** Per kind, the label names the configuration's labelsFromPath (all three levels) define. */
  @SuppressWarnings("unchecked")
  static Map<String, Set<String>> configuredLabels() throws IOException {
    Map<String, Object> spec = (Map<String, Object>) object(EXTRACTED).get("spec");
    Map<String, Set<String>> labels = new TreeMap<>();
    for (Map<String, Object> resource : (List<Map<String, Object>>) spec.get("resources")) {
      String kind = (String) ((Map<String, Object>) resource.get("groupVersionKind")).get("kind");
      Set<String> names = new TreeSet<>(GVK_LABELS);
      names.addAll(keys(resource.get("labelsFromPath")));
      for (Map<String, Object> metric : (List<Map<String, Object>>) resource.get("metrics")) {
        names.addAll(keys(metric.get("labelsFromPath")));
        Map<String, Object> info =
            (Map<String, Object>) ((Map<String, Object>) metric.get("each")).get("info");
        names.addAll(keys(info.get("labelsFromPath")));
      }
      labels.put(kind, names);
    }
    return labels;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> keys(Object labelsFromPath) {
    return labelsFromPath == null ? Set.of() : ((Map<String, Object>) labelsFromPath).keySet();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fluxcd__flux2-monitoring-example__kube-state-metrics-config.yaml",
        "fluxcd__flux2-monitoring-example__crs-config.extracted.yaml"
      })
  void loadsWithoutProblemsOrWarningsAsThirteenKindsOfOneMetric(String file)
      throws InvalidConfigException {
    CompiledConfig config = ConfigLoader.load(List.of(CONFIGS.resolve(file)));
    assertEquals(List.of(), config.warnings());
    assertEquals(13, config.resources().size());
    assertEquals(
        Set.of(INFO),
        config.resources().stream()
            .map(ResourceMapping::metrics)
            .flatMap(List::stream)
            .map(MetricRule::name)
            .collect(Collectors.toSet()));
  }

  @Test
  void everyFluxKindOfTheFixturesHasSeriesWithTheConfiguredLabelsOnly() throws IOException {
    Set<String> fixtureKinds = new TreeSet<>();
    for (Path file : fixtureFiles().toList()) {
      fixtureKinds.add((String) object(file).get("kind"));
    }
    assertEquals(13, fixtureKinds.size(), fixtureKinds.toString());
    Map<String, Set<String>> configured = configuredLabels();
    assertEquals(fixtureKinds, configured.keySet());

    List<Exposition.Sample> samples =
        Exposition.samples(Cli.render(List.of(VALUES), FIXTURES), INFO);
    Map<String, Set<String>> seen = new HashMap<>();
    for (Exposition.Sample sample : samples) {
      String kind = sample.labels().get("customresource_kind");
      assertTrue(configured.get(kind).containsAll(sample.labels().keySet()), sample.toString());
      assertTrue(
          sample.labels().keySet().containsAll(Set.of("name", "exported_namespace")),
          sample.toString());
      assertEquals("1.0", sample.value());
      seen.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(sample.labels().keySet());
    }
    assertEquals(fixtureKinds, seen.keySet());
    // the labels Flux's dashboards (cluster.json, control-plane.json) select and show
    Set<String> all =
        seen.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(
        all.containsAll(
            Set.of(
                "exported_namespace",
                "name",
                "ready",
                "suspended",
                "revision",
                "customresource_kind",
                "source_name",
                "url",
                "chart_name",
                "chart_app_version",
                "chart_source_name")),
        all.toString());
    assertEquals(
        Set.of(
            "customresource_group",
            "customresource_kind",
            "customresource_version",
            "exported_namespace",
            "name",
            "ready",
            "revision",
            "source_name"),
        seen.get("Kustomization"));
  }

  @Test
  void allSeriesOfTheNameAreOneBlockUnderOneHeaderBesideOtherMetrics() {
    // config/flux.yaml reads the same kinds and adds many other metrics around this one
    String text = Cli.render(List.of(VALUES, Path.of("config/flux.yaml")), FIXTURES);
    List<String> lines = List.of(text.split("\n"));
    assertEquals(
        List.of("# HELP " + INFO + " The current state of a Flux Kustomization resource."),
        lines.stream().filter(line -> line.startsWith("# HELP " + INFO + " ")).toList());
    assertEquals(
        List.of("# TYPE " + INFO + " gauge"),
        lines.stream().filter(line -> line.startsWith("# TYPE " + INFO + " ")).toList());
    int type = lines.indexOf("# TYPE " + INFO + " gauge");
    int end = type + 1;
    while (end < lines.size() && lines.get(end).startsWith(INFO + "{")) {
      end++;
    }
    long all = lines.stream().filter(line -> line.startsWith(INFO + "{")).count();
    assertEquals(all, end - type - 1, "every " + INFO + " sample right under its TYPE line");
    assertTrue(all >= 20, text);
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("flux_")), text);
  }

  /**
   * Each fixture object alone, so that the several states of one object are all seen: the upstream
   * values, the extracted config and config/flux-gotk.yaml print the same series, label for label
   * (flux-gotk.yaml differs only for fields that hold a map or a list, which kube-state- metrics
   * prints in Go's notation; none of the fields read is one in the Flux CRDs), and ready is the
   * object's Ready condition.
   */
  @ParameterizedTest
  @MethodSource("fixtureFiles")
  void upstreamConfigAndShippedConfigPrintTheSameSeries(Path file) throws IOException {
    String upstream = Cli.render(List.of(VALUES), List.of(file));
    List<Exposition.Sample> samples = Exposition.samples(upstream, INFO);
    assertEquals(1, samples.size(), upstream);
    assertEquals(upstream, Cli.render(List.of(EXTRACTED), List.of(file)));
    assertEquals(samples, Exposition.samples(Cli.render(List.of(SHIPPED), List.of(file)), INFO));

    Map<String, Object> object = object(file);
    Map<String, String> labels = samples.get(0).labels();
    assertEquals(object.get("kind"), labels.get("customresource_kind"));
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    assertEquals(metadata.get("name"), labels.get("name"));
    assertEquals(metadata.get("namespace"), labels.get("exported_namespace"));
    assertEquals(readyStatus(object), labels.get("ready"));
  }

  @SuppressWarnings("unchecked")
  private static String readyStatus(Map<String, Object> object) {
    Map<String, Object> status = (Map<String, Object>) object.get("status");
    if (status == null || status.get("conditions") == null) {
      return null;
    }
    return ((List<Map<String, Object>>) status.get("conditions"))
        .stream()
            .filter(condition -> "Ready".equals(condition.get("type")))
            .map(condition -> (String) condition.get("status"))
            .findFirst()
            .orElse(null);
  }
}
