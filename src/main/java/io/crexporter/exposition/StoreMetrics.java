package io.crexporter.exposition;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.ResourceId;
import io.crexporter.store.FamilyColumn;
import io.crexporter.store.RenderedStore;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The exporter's own metrics about the store: series and duplicates per mapped metric and objects
 * per resource. All are counted as objects change; a scrape only reads the counts.
 */
public final class StoreMetrics implements MultiCollector {

  private final RenderedStore store;
  private final Supplier<CompiledConfig> config;

  public StoreMetrics(RenderedStore store, Supplier<CompiledConfig> config) {
    this.store = store;
    this.config = config;
  }

  @Override
  public MetricSnapshots collect() {
    CompiledConfig current = config.get();
    Map<String, Integer> series = new TreeMap<>();
    Map<String, Integer> duplicates = new TreeMap<>();
    Set<String> counts = new HashSet<>();
    for (MetricFamily family : current.families()) {
      series.put(family.name(), 0);
      if (family.type() == MetricType.COUNT) {
        counts.add(family.name());
      }
    }
    for (FamilyColumn column : store.columns()) {
      int n = counts.contains(column.name()) ? store.counts(column.id()).size() : column.series();
      if (n > 0 || series.containsKey(column.name())) {
        series.put(column.name(), n);
      }
      if (column.duplicates() > 0) {
        duplicates.put(column.name(), column.duplicates());
      }
    }
    return new MetricSnapshots(
        perMetric("series", "Series exposed per mapped metric.", series),
        perMetric(
            "duplicate_series",
            "Series left out because another had the same name and labels.",
            duplicates),
        objectsPerResource(objectCounts(current)));
  }

  /**
   * Objects per configured resource, 0 for a resource that has none. Kinds found by a mapping of
   * every kind of a group show once they have objects: which kinds it has is not known here.
   */
  private Map<ResourceId, Long> objectCounts(CompiledConfig current) {
    Map<ResourceId, Long> objects = new HashMap<>(store.objectsPerResource());
    Set<String> counted = new HashSet<>();
    objects.keySet().forEach(resource -> counted.add(resource.groupKind()));
    for (var mapping : current.resources()) {
      if (!mapping.resource().isAnyKind() && !counted.contains(mapping.resource().groupKind())) {
        objects.put(mapping.resource(), 0L);
      }
    }
    return objects;
  }

  private static GaugeSnapshot perMetric(String name, String help, Map<String, Integer> counts) {
    List<GaugeDataPointSnapshot> points = new ArrayList<>(counts.size());
    counts.forEach(
        (metric, n) ->
            points.add(new GaugeDataPointSnapshot(n, Labels.of("metric", metric), null)));
    return new GaugeSnapshot(new MetricMetadata(SelfMetrics.PREFIX + name, help), points);
  }

  private static GaugeSnapshot objectsPerResource(Map<ResourceId, Long> counts) {
    // several mappings may read one kind: one series per group, version and kind
    Map<Labels, Long> byKind = new HashMap<>();
    counts.forEach(
        (resource, n) ->
            byKind.merge(
                Labels.of(
                    "group",
                    resource.group(),
                    "version",
                    resource.version(),
                    "kind",
                    resource.kind()),
                n,
                Long::max));
    List<GaugeDataPointSnapshot> points = new ArrayList<>(byKind.size());
    byKind.forEach((labels, n) -> points.add(new GaugeDataPointSnapshot(n, labels, null)));
    return new GaugeSnapshot(
        new MetricMetadata(
            SelfMetrics.PREFIX + "objects", "Objects currently mapped, per resource."),
        points);
  }
}
