package io.crexporter.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.app.Exporter;
import io.crexporter.config.ConfigLoader;
import io.crexporter.exposition.ExpositionFormat;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.store.FamilyColumn;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.RenderedStore;
import io.crexporter.store.SeriesLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The series limits: per metric, in all, per label value; what is left out and what is told. */
class SeriesLimitsTest {

  private static final String MAPPING =
      """
      resources:
        - group: example.com
          version: v1
          kind: Widget
          metricPrefix: widget
          labels: {name: $.metadata.name}
          metrics:
            - {name: info, help: A widget., type: info, labels: {note: $.spec.note}}
            - name: item
              help: One item.
              type: info
              each: $.spec.items[*]
              labels: {item: "@"}
            - name: part
              help: One part.
              type: info
              each: $.spec.parts[*]
              labels: {part: "@"}
              maxSeries: 2
      """;

  @TempDir Path dir;
  private CompiledConfig config;
  private RenderedStore store;
  private ObjectIngestor ingestor;
  private final List<String> drops = new ArrayList<>();

  @BeforeEach
  void load() throws Exception {
    config = ConfigLoader.load(List.of(Files.writeString(dir.resolve("m.yaml"), MAPPING)));
    store = new RenderedStore();
    ingestor = new ObjectIngestor(() -> config, store, error -> {});
  }

  private void limits(int perMetric, long total, int labelLength) {
    store.limits(
        new SeriesLimits(perMetric, total, labelLength, Map.of())
            .withMetrics(config.seriesLimits()),
        (metric, reason, series) -> drops.add(metric + " " + reason.label() + " " + series));
  }

  private void put(String name, int items, int parts, String note) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("items", IntStream.range(0, items).mapToObj(i -> name + "-i" + i).toList());
    spec.put("parts", IntStream.range(0, parts).mapToObj(i -> name + "-p" + i).toList());
    spec.put("note", note);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "example.com/v1");
    object.put("kind", "Widget");
    object.put("metadata", Map.of("name", name, "uid", name));
    object.put("spec", spec);
    ingestor.upsert(new ObjectKey(name), object);
  }

  private String exposition() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new io.crexporter.exposition.Exposition(
              store, () -> config, new io.prometheus.metrics.model.registry.PrometheusRegistry())
          .write(out, ExpositionFormat.TEXT);
      return out.toString(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int series(String metric) {
    return store.columns().stream()
        .filter(column -> column.name().equals(metric))
        .mapToInt(FamilyColumn::series)
        .sum();
  }

  @Test
  void aMetricAtItsLimitTakesNoMoreObjectsSeriesAndFreedSpaceIsTakenAgain() {
    limits(5, 1000, 100);
    put("a", 3, 0, "");
    put("b", 3, 0, "");
    assertEquals(3, series("widget_item"), "b's items do not fit: it has none");
    assertEquals(2, series("widget_info"), "its other metrics are kept");
    assertEquals(List.of("widget_item metric_limit 3"), drops);
    String text = exposition();
    assertTrue(text.contains("\nwidget_info{name=\"b\",note=\"\"} 1.0\n"), text);
    assertTrue(text.contains("\nwidget_item{item=\"a-i2\",name=\"a\"} 1.0\n"), text);
    assertTrue(!text.contains("item=\"b-i"), text);
    // an update that adds nothing is never refused
    put("a", 3, 0, "changed");
    assertEquals(3, series("widget_item"));
    put("a", 1, 0, "");
    put("b", 3, 0, "");
    assertEquals(4, series("widget_item"), "a shrank: b fits now");
    put("c", 2, 0, "");
    assertEquals(4, series("widget_item"));
    assertEquals(2, drops.size());
  }

  @Test
  void aMappingsMaxSeriesIsItsMetricsLimit() {
    limits(1000, 1000, 100);
    put("a", 0, 2, "");
    put("b", 0, 1, "");
    assertEquals(2, series("widget_part"));
    assertEquals(List.of("widget_part metric_limit 1"), drops);
    assertEquals(Map.of("widget_part", 2), config.seriesLimits());
  }

  @Test
  void theTotalLimitCountsEveryMetric() {
    limits(1000, 6, 100);
    put("a", 3, 0, "");
    put("b", 3, 0, "");
    // a: info + 3 items; b: info fits (5), its 3 items do not (8)
    assertEquals(5, store.columns().stream().mapToInt(FamilyColumn::series).sum());
    assertEquals(List.of("widget_item total_limit 3"), drops);
  }

  @Test
  void seriesWithALabelValueBeyondTheLimitAreLeftOut() {
    limits(1000, 1000, 10);
    put("a", 1, 0, "0123456789");
    put("b", 1, 0, "0123456789x");
    assertEquals(1, series("widget_info"));
    assertEquals(2, series("widget_item"));
    assertEquals(List.of("widget_info label_value_too_long 1"), drops);
  }

  /** No mapping can put a 256 KiB annotation on a series: the default limit leaves it out. */
  @Test
  void aHugeAnnotationStaysOutOfTheExposition() throws Exception {
    Path mapping =
        Files.writeString(
            dir.resolve("annotations.yaml"),
            """
            resources:
              - group: example.com
                version: v1
                kind: Widget
                metricPrefix: widget
                labels: {name: $.metadata.name, "*": $.metadata.annotations}
                metrics:
                  - {name: info, help: A widget., type: info}
            """);
    Path objects = Files.createDirectories(dir.resolve("objects"));
    Files.writeString(
        objects.resolve("w.yaml"),
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: big\n  uid: u1\n"
            + "  annotations: {huge: "
            + "x".repeat(256 * 1024)
            + "}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: small\n"
            + "  uid: u2\n  annotations: {team: a}\n");
    try (Exporter exporter =
        Exporter.create(
            new Exporter.Options(List.of(mapping), List.of(objects), false, true, false))) {
      exporter.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      exporter.exposition().write(out, ExpositionFormat.TEXT);
      String text = out.toString(StandardCharsets.UTF_8);
      assertTrue(text.length() < 64 * 1024, "no huge label: " + text.length() + " bytes");
      assertTrue(text.contains("widget_info{name=\"small\",team=\"a\"} 1.0"), text);
      assertTrue(!text.contains("name=\"big\""), text);
      assertTrue(
          text.contains(
              "custom_resource_exporter_series_dropped_total{metric=\"widget_info\","
                  + "reason=\"label_value_too_long\"} 1.0"),
          text);
    }
  }
}
