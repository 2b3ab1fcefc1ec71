package io.crexporter.bench;

import io.crexporter.exposition.MappedSeriesCollector;
import io.crexporter.exposition.SelfMetrics;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.store.ObjectIngestor;
import io.crexporter.store.SeriesStore;
import io.crexporter.store.StoredObject;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.atomic.LongAdder;

/**
 * Store, ingestor and registry wired as {@code Exporter} wires them for {@code serve} (own and JVM
 * metrics included), but fed directly with objects instead of from files, so that the benchmark
 * measures mapping and exposition rather than YAML parsing.
 */
record MappedPipeline(
    CompiledConfig config,
    SeriesStore store,
    ObjectIngestor ingestor,
    PrometheusRegistry registry,
    LongAdder evaluationErrors) {

  static MappedPipeline create(CompiledConfig config) {
    PrometheusRegistry registry = new PrometheusRegistry();
    SelfMetrics self = new SelfMetrics();
    SeriesStore store = new SeriesStore();
    LongAdder errors = new LongAdder();
    ObjectIngestor ingestor =
        new ObjectIngestor(
            () -> config,
            store,
            error -> {
              errors.increment();
              self.evaluationError(error);
            });
    registry.register(new MappedSeriesCollector(store, () -> config, self));
    self.registerIn(registry, true).configLoaded(true);
    return new MappedPipeline(config, store, ingestor, registry, errors);
  }

  /**
   * Time to assemble the mapped series with nothing reused from an earlier scrape, as when every
   * metric changed since the last one.
   */
  long coldAssemblyNanos() {
    MappedSeriesCollector fresh = new MappedSeriesCollector(store, () -> config, null);
    long start = System.nanoTime();
    fresh.collect();
    return System.nanoTime() - start;
  }

  /** A store and ingestor without exposition, for warming up the mapping code. */
  static ObjectIngestor bareIngestor(CompiledConfig config) {
    return new ObjectIngestor(() -> config, new SeriesStore(), error -> {});
  }

  /** Series the store holds, counted the way a scrape would expose them before de-duplication. */
  long storedSeries() {
    long series = 0;
    for (StoredObject object : store.objects()) {
      for (StoredObject.FamilyPoints family : object.points()) {
        series += family.points().size();
      }
    }
    for (MetricFamily family : config.families()) {
      if (family.type() == MetricType.COUNT) {
        series += store.counts(family).size();
      }
    }
    return series;
  }
}
