package io.crexporter.bench;

import io.crexporter.exposition.Exposition;
import io.crexporter.exposition.SelfMetrics;
import io.crexporter.exposition.StoreMetrics;
import io.crexporter.ingest.ObjectIngestor;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import io.crexporter.store.FamilyColumn;
import io.crexporter.store.RenderedStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.atomic.LongAdder;

/**
 * Store, ingestor, registry and exposition wired as {@code Exporter} wires them for {@code serve}
 * (own and JVM metrics included), but fed directly with objects instead of from files, so that the
 * benchmark measures mapping and exposition rather than YAML parsing.
 */
record MappedPipeline(
    CompiledConfig config,
    RenderedStore store,
    ObjectIngestor ingestor,
    PrometheusRegistry registry,
    Exposition exposition,
    SelfMetrics self,
    LongAdder evaluationErrors) {

  static MappedPipeline create(CompiledConfig config) {
    PrometheusRegistry registry = new PrometheusRegistry();
    SelfMetrics self = new SelfMetrics();
    RenderedStore store = new RenderedStore();
    LongAdder errors = new LongAdder();
    ObjectIngestor ingestor =
        new ObjectIngestor(
            () -> config,
            store,
            error -> {
              errors.increment();
              self.evaluationError(error);
            });
    self.registerIn(registry, true).configLoaded(true);
    registry.register(new StoreMetrics(store, () -> config));
    Exposition exposition = new Exposition(store, () -> config, registry);
    return new MappedPipeline(config, store, ingestor, registry, exposition, self, errors);
  }

  /** A store and ingestor without exposition, for warming up the mapping code. */
  static ObjectIngestor bareIngestor(CompiledConfig config) {
    return new ObjectIngestor(() -> config, new RenderedStore(), error -> {});
  }

  /** Series the store holds, duplicates included, and the series of counts. */
  long storedSeries() {
    long series = 0;
    for (FamilyColumn column : store.columns()) {
      series += column.series() + column.duplicates();
    }
    for (MetricFamily family : config.families()) {
      if (family.type() == MetricType.COUNT) {
        series += store.counts(store.familyId(family.name())).size();
      }
    }
    return series;
  }
}
