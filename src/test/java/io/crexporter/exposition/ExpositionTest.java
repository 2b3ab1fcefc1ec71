package io.crexporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.TestConfigs;
import io.crexporter.ingest.ObjectIngestor;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.RenderedStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scrape of stored series: one block per name under one header, names as configured, counts that
 * follow objects, duplicates left out and counted, escaping, and the exporter's own metrics. Lines
 * of one name are compared in sorted order: the store keeps them in no particular order.
 */
class ExpositionTest {

  private static final String MAPPING =
      """
      resources:
        - group: source.toolkit.fluxcd.io
          version: v1
          kind: GitRepository
          labels: {namespace: $.metadata.namespace, name: $.metadata.name, kind: $.kind}
          metrics:
            - {name: gotk_resource_info, help: Flux objects., type: info, labels: {ready: "$.status.ready"}}
            - {name: flux_objects, help: Objects per readiness., type: count, labels: {ready: "$.status.ready"}}
            - {name: flux_total, help: Not a counter., type: gauge, value: $.status.value}
        - group: kustomize.toolkit.fluxcd.io
          version: v1
          kind: Kustomization
          labels: {namespace: $.metadata.namespace, name: $.metadata.name, kind: $.kind}
          metrics:
            - {name: gotk_resource_info, help: Flux objects., type: info, labels: {ready: "$.status.ready"}}
            - {name: flux_objects, help: Objects per readiness., type: count, labels: {ready: "$.status.ready"}}
        - group: image.toolkit.fluxcd.io
          kind: "*"
          labels: {namespace: $.metadata.namespace, name: $.metadata.name, kind: $.kind}
          metrics:
            - {name: gotk_resource_info, help: Flux objects., type: info, labels: {ready: "$.status.ready"}}
      """;

  private final CompiledConfig config = TestConfigs.compile(MAPPING);
  private final RenderedStore store = new RenderedStore();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final SelfMetrics self = new SelfMetrics();
  private final ObjectIngestor ingestor =
      new ObjectIngestor(() -> config, store, self::evaluationError);
  private final Exposition exposition = new Exposition(store, () -> config, registry);

  ExpositionTest() {
    registry.register(new StoreMetrics(store, () -> config));
    self.registerIn(registry, false);
  }

  private void put(String uid, String kind, String namespace, String name, Object ready) {
    String group =
        switch (kind) {
          case "GitRepository" -> "source.toolkit.fluxcd.io";
          case "Kustomization" -> "kustomize.toolkit.fluxcd.io";
          default -> "image.toolkit.fluxcd.io";
        };
    Map<String, Object> object =
        Map.of(
            "apiVersion",
            group + "/v1",
            "kind",
            kind,
            "metadata",
            Map.of("uid", uid, "namespace", namespace, "name", name),
            "status",
            Map.of("ready", ready, "value", 3));
    ingestor.upsert(ObjectKey.of(object).orElseThrow(), object);
  }

  private String text() throws IOException {
    return write(ExpositionFormat.TEXT);
  }

  private String write(ExpositionFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exposition.write(out, format);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> linesStartingWith(String text, String prefix) {
    return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).sorted().toList();
  }

  @Test
  void oneNameFromSeveralResourcesIsOneBlockUnderOneHeader() throws IOException {
    put("u1", "GitRepository", "flux-system", "podinfo", "True");
    put("u2", "Kustomization", "flux-system", "apps", "False");
    put("u3", "GitRepository", "apps", "web", "True");
    String text = text();
    assertEquals(1, linesStartingWith(text, "# TYPE gotk_resource_info gauge").size());
    assertEquals(1, linesStartingWith(text, "# HELP gotk_resource_info Flux objects.").size());
    List<String> lines = Arrays.asList(text.split("\n"));
    int header = lines.indexOf("# TYPE gotk_resource_info gauge");
    List<String> block = lines.subList(header + 1, header + 4);
    assertTrue(block.stream().allMatch(l -> l.startsWith("gotk_resource_info{")), block.toString());
    assertEquals(3, linesStartingWith(text, "gotk_resource_info{").size());
  }

  @Test
  void namesAreNeverRewritten() throws IOException {
    put("u1", "GitRepository", "flux-system", "podinfo", "True");
    String text = text();
    assertTrue(
        text.contains(
            "\nflux_total{kind=\"GitRepository\",name=\"podinfo\",namespace=\"flux-system\"} 3.0\n"),
        text);
    String openMetrics = write(ExpositionFormat.OPENMETRICS);
    assertTrue(openMetrics.contains("# TYPE gotk_resource_info gauge\n"), openMetrics);
    assertTrue(openMetrics.contains("\ngotk_resource_info{kind=\"GitRepository\""), openMetrics);
    assertTrue(openMetrics.contains("\nflux_total{"), openMetrics);
    assertTrue(openMetrics.endsWith("# EOF\n"), openMetrics);
  }

  @Test
  void aScrapeReusesNothingThatChanged() throws IOException {
    put("u1", "GitRepository", "ns", "one", "True");
    put("u2", "Kustomization", "ns", "two", "True");
    assertEquals(2, linesStartingWith(text(), "gotk_resource_info{").size());
    put("u1", "GitRepository", "ns", "one", "False");
    assertEquals(
        List.of(
            "gotk_resource_info{kind=\"GitRepository\",name=\"one\",namespace=\"ns\",ready=\"False\"} 1.0",
            "gotk_resource_info{kind=\"Kustomization\",name=\"two\",namespace=\"ns\",ready=\"True\"} 1.0"),
        linesStartingWith(text(), "gotk_resource_info{"));
    ingestor.delete(new ObjectKey("u2"));
    assertEquals(1, linesStartingWith(text(), "gotk_resource_info{").size());
    assertEquals(1, linesStartingWith(text(), "gotk_resource_info{").size());
  }

  @Test
  void gzipReusesTheMembersOfBlocksThatDidNotChange() throws IOException {
    put("u1", "GitRepository", "ns", "one", "True");
    put("u2", "Kustomization", "ns", "two", "True");
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    exposition.writeGzip(first, ExpositionFormat.TEXT);
    int info = store.familyId("gotk_resource_info");
    int total = store.familyId("flux_total");
    byte[] infoMember = store.columns().get(info).snapshot().get(0).cached();
    byte[] totalMember = store.columns().get(total).snapshot().get(0).cached();
    assertTrue(infoMember != null && totalMember != null, "compressed once, kept");
    // only the readiness changes: the info block is compressed anew, flux_total's is reused
    put("u1", "GitRepository", "ns", "one", "False");
    assertEquals(null, store.columns().get(info).snapshot().get(0).cached());
    assertTrue(
        totalMember == store.columns().get(total).snapshot().get(0).cached(), "the same member");
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    exposition.writeGzip(second, ExpositionFormat.TEXT);
    String unzipped;
    try (java.util.zip.GZIPInputStream gzip =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(second.toByteArray()))) {
      unzipped = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(linesStartingWith(text(), "gotk_"), linesStartingWith(unzipped, "gotk_"));
    assertTrue(unzipped.contains("ready=\"False\"} 1.0"), unzipped);
  }

  @Test
  void duplicateSeriesKeepOneAndAreCounted() throws IOException {
    put("u1", "GitRepository", "flux-system", "podinfo", "True");
    put("u2", "GitRepository", "flux-system", "podinfo", "True");
    String text = text();
    assertEquals(1, linesStartingWith(text, "gotk_resource_info{").size(), text);
    assertTrue(
        text.contains(
            "custom_resource_exporter_duplicate_series{metric=\"gotk_resource_info\"} 1.0"),
        text);
    assertTrue(
        text.contains("custom_resource_exporter_series{metric=\"gotk_resource_info\"} 1.0"), text);
  }

  @Test
  void countsFollowObjectsAsTheyChangeAndGo() throws IOException {
    put("u1", "GitRepository", "a", "one", "True");
    put("u2", "Kustomization", "a", "two", "True");
    put("u3", "GitRepository", "b", "three", "False");
    assertEquals(
        List.of("flux_objects{ready=\"False\"} 1.0", "flux_objects{ready=\"True\"} 2.0"),
        linesStartingWith(text(), "flux_objects{"));
    put("u1", "GitRepository", "a", "one", "False");
    assertEquals(
        List.of("flux_objects{ready=\"False\"} 2.0", "flux_objects{ready=\"True\"} 1.0"),
        linesStartingWith(text(), "flux_objects{"));
    ingestor.delete(new ObjectKey("u2"));
    assertEquals(
        List.of("flux_objects{ready=\"False\"} 2.0"), linesStartingWith(text(), "flux_objects{"));
    assertTrue(
        text()
            .contains(
                "custom_resource_exporter_objects{group=\"source.toolkit.fluxcd.io\",kind=\"GitRepository\",version=\"v1\"} 2.0"));
    assertTrue(
        text()
            .contains(
                "custom_resource_exporter_objects{group=\"kustomize.toolkit.fluxcd.io\",kind=\"Kustomization\",version=\"v1\"} 0.0"));
  }

  @Test
  void objectsOfEveryKindOfAGroupAreCountedUnderTheirOwnKind() throws IOException {
    assertEquals(
        List.of(), linesStartingWith(text(), "custom_resource_exporter_objects{group=\"image"));
    put("u1", "ImageRepository", "a", "one", "True");
    put("u2", "ImagePolicy", "a", "two", "False");
    String text = text();
    assertEquals(
        List.of(
            "gotk_resource_info{kind=\"ImagePolicy\",name=\"two\",namespace=\"a\",ready=\"False\"} 1.0",
            "gotk_resource_info{kind=\"ImageRepository\",name=\"one\",namespace=\"a\",ready=\"True\"} 1.0"),
        linesStartingWith(text, "gotk_resource_info{"));
    assertEquals(
        List.of(
            "custom_resource_exporter_objects{group=\"image.toolkit.fluxcd.io\",kind=\"ImagePolicy\",version=\"v1\"} 1.0",
            "custom_resource_exporter_objects{group=\"image.toolkit.fluxcd.io\",kind=\"ImageRepository\",version=\"v1\"} 1.0"),
        linesStartingWith(text, "custom_resource_exporter_objects{group=\"image").stream()
            .sorted()
            .toList());
  }

  @Test
  void labelValuesAreEscapedWhateverTheObjectHolds() throws IOException {
    put("u1", "GitRepository", "ns", "quote\" backslash\\ newline\n tab\t ünïcødé ✓", "True");
    String line = linesStartingWith(text(), "gotk_resource_info{").get(0);
    assertEquals(
        "gotk_resource_info{kind=\"GitRepository\",name=\"quote\\\" backslash\\\\ newline\\n tab\t ünïcødé ✓\",namespace=\"ns\",ready=\"True\"} 1.0",
        line);
  }

  @Test
  void evaluationErrorsAreCountedPerMetric() throws IOException {
    Map<String, Object> object =
        TestConfigs.object(
            "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {uid: x, name: n}\nstatus: {value: lots}\n");
    ingestor.upsert(new ObjectKey("x"), object);
    assertTrue(
        text()
            .contains(
                "custom_resource_exporter_evaluation_errors_total{metric=\"flux_total\",reason=\"invalid\"} 1.0"));
  }
}
