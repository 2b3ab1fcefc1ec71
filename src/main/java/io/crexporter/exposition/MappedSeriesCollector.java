package io.crexporter.exposition;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.ResourceId;
import io.crexporter.store.FamilySeries;
import io.crexporter.store.SeriesStore;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the stored series into one snapshot per metric name. Every mapped type is exposed as a
 * gauge, so that names are exactly the configured ones in every format, and all series of a name,
 * whatever resource they come from, form one block under one HELP and TYPE.
 */
public final class MappedSeriesCollector implements MultiCollector {

  private static final Logger LOG = LoggerFactory.getLogger(MappedSeriesCollector.class);

  private final SeriesStore store;
  private final Supplier<CompiledConfig> config;
  private final SelfMetrics self;
  private final Map<String, Assembled> cache = new ConcurrentHashMap<>();

  /**
   * @param self where to count duplicates and timings, and whether to add the per-metric and
   *     per-resource gauges; null for a plain rendering of the mapped series
   */
  public MappedSeriesCollector(
      SeriesStore store, Supplier<CompiledConfig> config, SelfMetrics self) {
    this.store = store;
    this.config = config;
    this.self = self;
  }

  @Override
  public MetricSnapshots collect() {
    long start = System.nanoTime();
    try {
      MetricSnapshots snapshots = assemble();
      if (self != null) {
        self.assembled((System.nanoTime() - start) / 1e9);
      }
      return snapshots;
    } catch (RuntimeException e) {
      // a scrape never fails because of the data; this is a defect worth a log line
      LOG.error("could not assemble mapped series", e);
      return new MetricSnapshots();
    }
  }

  private MetricSnapshots assemble() {
    CompiledConfig current = config.get();
    Map<String, MetricFamily> defined = new HashMap<>();
    current.families().forEach(family -> defined.put(family.name(), family));
    Map<String, Integer> seriesPerMetric = new TreeMap<>();
    Map<String, Integer> duplicates = new TreeMap<>();
    defined.keySet().forEach(name -> seriesPerMetric.put(name, 0));
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (FamilySeries series : store.families()) {
      MetricFamily family = defined.getOrDefault(series.family().name(), series.family());
      Assembled assembled = assembled(series, family);
      if (assembled.series() > 0) {
        snapshots.add(assembled.snapshot());
        seriesPerMetric.put(family.name(), assembled.series());
      }
      if (assembled.duplicates() > 0) {
        duplicates.put(family.name(), assembled.duplicates());
      }
    }
    for (MetricFamily family : defined.values()) {
      if (family.type() == MetricType.COUNT) {
        Map<Labels, Long> counts = store.counts(family);
        if (!counts.isEmpty()) {
          List<GaugeDataPointSnapshot> points = new ArrayList<>(counts.size());
          counts.forEach((labels, n) -> points.add(new GaugeDataPointSnapshot(n, labels, null)));
          snapshots.add(new GaugeSnapshot(metadata(family), points));
          seriesPerMetric.put(family.name(), points.size());
        }
      }
    }
    if (self != null) {
      snapshots.add(perMetric("series", "Series exposed per mapped metric.", seriesPerMetric));
      snapshots.add(
          perMetric(
              "duplicate_series",
              "Series left out of this scrape because another had the same name and labels.",
              duplicates));
      snapshots.add(objectsPerResource(objectCounts()));
    }
    return new MetricSnapshots(snapshots);
  }

  /**
   * The snapshot of one metric name: reused while its points and definition are unchanged,
   * otherwise rebuilt in one pass over points the store keeps in label order.
   */
  private Assembled assembled(FamilySeries series, MetricFamily family) {
    long version = series.version();
    Assembled cached = cache.get(family.name());
    if (cached != null && cached.version() == version && cached.family().equals(family)) {
      return cached;
    }
    List<GaugeDataPointSnapshot> unique = new ArrayList<>();
    int duplicates = 0;
    for (GaugeDataPointSnapshot point : series.points()) {
      if (!unique.isEmpty()
          && unique.get(unique.size() - 1).getLabels().equals(point.getLabels())) {
        duplicates++;
      } else {
        unique.add(point);
      }
    }
    Assembled assembled =
        new Assembled(
            version,
            family,
            new GaugeSnapshot(metadata(family), unique),
            unique.size(),
            duplicates);
    cache.put(family.name(), assembled);
    return assembled;
  }

  private record Assembled(
      long version, MetricFamily family, GaugeSnapshot snapshot, int series, int duplicates) {}

  /**
   * Objects per configured resource, 0 for a resource that has none. Kinds found by a mapping of
   * every kind of a group show once they have objects: which kinds it has is not known here.
   */
  private Map<ResourceId, Long> objectCounts() {
    Map<ResourceId, Long> counts = new HashMap<>(store.objectsPerResource());
    java.util.Set<String> counted = new java.util.HashSet<>();
    counts.keySet().forEach(resource -> counted.add(resource.groupKind()));
    for (var mapping : config.get().resources()) {
      if (!mapping.resource().isAnyKind() && !counted.contains(mapping.resource().groupKind())) {
        counts.put(mapping.resource(), 0L);
      }
    }
    return counts;
  }

  private static MetricMetadata metadata(MetricFamily family) {
    return new MetricMetadata(family.name(), family.help().isEmpty() ? null : family.help());
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
