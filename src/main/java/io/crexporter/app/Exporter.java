package io.crexporter.app;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.exposition.MappedSeriesCollector;
import io.crexporter.exposition.SelfMetrics;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.source.ManifestFileSource;
import io.crexporter.source.ObjectSource;
import io.crexporter.store.ObjectIngestor;
import io.crexporter.store.SeriesStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The exporter's pipeline wired together: configuration, object sources feeding the store through
 * the mapping, and a registry that assembles the store on every scrape.
 */
public final class Exporter implements AutoCloseable {

  private final AtomicReference<CompiledConfig> config;
  private final SeriesStore store = new SeriesStore();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<ObjectSource> sources = new ArrayList<>();

  private Exporter(CompiledConfig config, Options options) {
    this.config = new AtomicReference<>(config);
    SelfMetrics self = options.selfMetrics() ? new SelfMetrics() : null;
    ObjectIngestor ingestor =
        new ObjectIngestor(
            this.config::get, store, self == null ? error -> {} : self::evaluationError);
    registry.register(new MappedSeriesCollector(store, this.config::get, self));
    if (self != null) {
      self.registerIn(registry, options.jvmMetrics()).configLoaded(true);
    }
    if (!options.objectPaths().isEmpty()) {
      sources.add(
          new ManifestFileSource(
              options.objectPaths(),
              ingestor,
              options.watch(),
              self == null ? source -> {} : self::sourceError));
    }
  }

  /**
   * What to run.
   *
   * @param watch follow changes to object files
   * @param selfMetrics add the exporter's own metrics to the registry
   * @param jvmMetrics add JVM metrics too (only with selfMetrics)
   */
  public record Options(
      List<Path> configPaths,
      List<Path> objectPaths,
      boolean watch,
      boolean selfMetrics,
      boolean jvmMetrics) {
    public Options {
      configPaths = List.copyOf(configPaths);
      objectPaths = List.copyOf(objectPaths);
    }
  }

  /** Loads the configuration; nothing runs until {@link #start()}. */
  public static Exporter create(Options options) throws InvalidConfigException {
    return new Exporter(ConfigLoader.load(options.configPaths()), options);
  }

  public void start() {
    sources.forEach(ObjectSource::start);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public SeriesStore store() {
    return store;
  }

  /** Names of the sources that have not delivered their initial state; empty when ready. */
  public List<String> notReady() {
    return sources.stream().filter(source -> !source.hasSynced()).map(ObjectSource::name).toList();
  }

  /** Rescans object files now instead of waiting for the watcher; for tests and tools. */
  public void rescanFiles() {
    sources.stream()
        .filter(ManifestFileSource.class::isInstance)
        .map(ManifestFileSource.class::cast)
        .forEach(ManifestFileSource::rescan);
  }

  @Override
  public void close() {
    sources.forEach(ObjectSource::close);
  }
}
