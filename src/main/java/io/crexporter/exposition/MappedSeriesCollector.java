package io.crexporter.exposition;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.ResourceId;
import io.crexporter.store.SeriesStore;
import io.crexporter.store.StoredObject;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  private static final Comparator<GaugeDataPointSnapshot> BY_LABELS =
      Comparator.comparing(GaugeDataPointSnapshot::getLabels);

  private final SeriesStore store;
  private final Supplier<CompiledConfig> config;
  private final SelfMetrics self;

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
    Map<String, Block> blocks = new HashMap<>();
    for (StoredObject object : store.objects()) {
      for (StoredObject.FamilyPoints family : object.points()) {
        blocks
            .computeIfAbsent(family.family().name(), name -> new Block(family.family()))
            .points
            .addAll(family.points());
      }
    }
    for (MetricFamily family : config.get().families()) {
      if (family.type() == MetricType.COUNT) {
        Map<Labels, Long> counts = store.counts(family);
        if (!counts.isEmpty()) {
          Block block = blocks.computeIfAbsent(family.name(), name -> new Block(family));
          counts.forEach(
              (labels, n) -> block.points.add(new GaugeDataPointSnapshot(n, labels, null)));
        }
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>(blocks.size() + 2);
    Map<String, Integer> seriesPerMetric = new TreeMap<>();
    Map<String, Integer> duplicates = new TreeMap<>();
    config.get().families().forEach(family -> seriesPerMetric.put(family.name(), 0));
    for (Block block : blocks.values()) {
      List<GaugeDataPointSnapshot> unique = withoutDuplicates(block.points);
      if (unique.size() < block.points.size()) {
        duplicates.put(block.family.name(), block.points.size() - unique.size());
      }
      seriesPerMetric.put(block.family.name(), unique.size());
      snapshots.add(new GaugeSnapshot(metadata(block.family), unique));
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

  /** Objects per configured resource, 0 for a resource that has none. */
  private Map<ResourceId, Long> objectCounts() {
    Map<ResourceId, Long> counts = new HashMap<>();
    config.get().resources().forEach(mapping -> counts.put(mapping.resource(), 0L));
    counts.putAll(store.objectsPerResource());
    return counts;
  }

  /** Keeps the first of several series with equal labels; the snapshot would reject them. */
  private static List<GaugeDataPointSnapshot> withoutDuplicates(
      List<GaugeDataPointSnapshot> points) {
    points.sort(BY_LABELS);
    List<GaugeDataPointSnapshot> unique = new ArrayList<>(points.size());
    for (GaugeDataPointSnapshot point : points) {
      if (unique.isEmpty()
          || !unique.get(unique.size() - 1).getLabels().equals(point.getLabels())) {
        unique.add(point);
      }
    }
    return unique;
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

  private static final class Block {
    private final MetricFamily family;
    private final List<GaugeDataPointSnapshot> points = new ArrayList<>();

    private Block(MetricFamily family) {
      this.family = family;
    }
  }
}
