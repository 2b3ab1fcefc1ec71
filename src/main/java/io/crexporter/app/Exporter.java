package io.crexporter.app;

import io.crexporter.config.ConfigLoader;
import io.crexporter.config.InvalidConfigException;
import io.crexporter.exposition.Exposition;
import io.crexporter.exposition.SelfMetrics;
import io.crexporter.exposition.StoreMetrics;
import io.crexporter.ingest.ObjectIngestor;
import io.crexporter.kube.KubeClients;
import io.crexporter.kube.KubeSettings;
import io.crexporter.kube.KubeSourceMetrics;
import io.crexporter.kube.KubernetesSource;
import io.crexporter.kube.Sharding;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.source.ManifestFileSource;
import io.crexporter.source.ObjectSource;
import io.crexporter.store.RenderedStore;
import io.crexporter.store.SeriesLimits;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * The exporter's pipeline wired together: configuration, object sources feeding the store through
 * the mapping and rendering, and the exposition that writes out the store and the exporter's own
 * metrics on every scrape.
 */
public final class Exporter implements AutoCloseable {

  private final AtomicReference<CompiledConfig> config;
  private final RenderedStore store = new RenderedStore();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Exposition exposition;
  private final List<ObjectSource> sources = new ArrayList<>();
  private final SelfMetrics self;
  private final ConfigReloader reloader;
  private final SeriesLimits limits;
  private final DropLog drops;

  private Exporter(CompiledConfig config, Options options) throws IOException {
    this.config = new AtomicReference<>(config);
    this.self = options.selfMetrics() ? new SelfMetrics() : null;
    this.limits = options.limits();
    SeriesLimits inForce = limits.withMetrics(config.seriesLimits());
    this.drops =
        new DropLog(
            inForce,
            self == null
                ? SeriesLimits.Drops.NONE
                : (metric, reason, series) -> self.seriesDropped(metric, reason.label(), series));
    store.limits(inForce, drops);
    ObjectIngestor ingestor =
        new ObjectIngestor(
            this.config::get, store, self == null ? error -> {} : self::evaluationError);
    this.exposition = new Exposition(store, this.config::get, registry);
    if (self != null) {
      self.registerIn(registry, options.jvmMetrics()).configLoaded(true);
      registry.register(new StoreMetrics(store, this.config::get));
    }
    if (!options.objectPaths().isEmpty()) {
      sources.add(
          new ManifestFileSource(
              options.objectPaths(),
              ingestor,
              options.watch(),
              self == null ? source -> {} : self::sourceError));
    }
    if (options.kubernetes()) {
      KubeSourceMetrics metrics = new KubeSourceMetrics();
      KubernetesSource kubernetes =
          new KubernetesSource(
              KubeClients.create(options.kubeconfig()),
              options.kube(),
              options.sharding(),
              this.config::get,
              ingestor,
              metrics);
      metrics.registerIn(registry, kubernetes::health, kubernetes::shard);
      sources.add(kubernetes);
    }
    this.reloader =
        options.watch()
            ? new ConfigReloader(options.configPaths(), this::apply, this::rejected)
            : null;
  }

  /**
   * What to run.
   *
   * @param watch follow changes to object and mapping files
   * @param selfMetrics add the exporter's own metrics to the registry
   * @param jvmMetrics add JVM metrics too (only with selfMetrics)
   * @param kubernetes read objects from the API server
   * @param kubeconfig the kubeconfig to use, or null for the usual places
   * @param kube how to talk to the API server
   * @param sharding which objects of the API server to read
   * @param limits the most series to keep; mapping files may set lower ones per metric
   */
  public record Options(
      List<Path> configPaths,
      List<Path> objectPaths,
      boolean watch,
      boolean selfMetrics,
      boolean jvmMetrics,
      boolean kubernetes,
      Path kubeconfig,
      KubeSettings kube,
      Sharding sharding,
      SeriesLimits limits) {
    public Options {
      configPaths = List.copyOf(configPaths);
      objectPaths = List.copyOf(objectPaths);
    }

    /** With the default series limits. */
    public Options(
        List<Path> configPaths,
        List<Path> objectPaths,
        boolean watch,
        boolean selfMetrics,
        boolean jvmMetrics,
        boolean kubernetes,
        Path kubeconfig,
        KubeSettings kube,
        Sharding sharding) {
      this(
          configPaths,
          objectPaths,
          watch,
          selfMetrics,
          jvmMetrics,
          kubernetes,
          kubeconfig,
          kube,
          sharding,
          SeriesLimits.DEFAULTS);
    }

    /** Not sharded. */
    public Options(
        List<Path> configPaths,
        List<Path> objectPaths,
        boolean watch,
        boolean selfMetrics,
        boolean jvmMetrics,
        boolean kubernetes,
        Path kubeconfig,
        KubeSettings kube) {
      this(
          configPaths,
          objectPaths,
          watch,
          selfMetrics,
          jvmMetrics,
          kubernetes,
          kubeconfig,
          kube,
          Sharding.NONE);
    }

    /** With the default settings for the API server. */
    public Options(
        List<Path> configPaths,
        List<Path> objectPaths,
        boolean watch,
        boolean selfMetrics,
        boolean jvmMetrics,
        boolean kubernetes,
        Path kubeconfig) {
      this(
          configPaths,
          objectPaths,
          watch,
          selfMetrics,
          jvmMetrics,
          kubernetes,
          kubeconfig,
          KubeSettings.DEFAULTS);
    }

    /** Objects from files only. */
    public Options(
        List<Path> configPaths,
        List<Path> objectPaths,
        boolean watch,
        boolean selfMetrics,
        boolean jvmMetrics) {
      this(configPaths, objectPaths, watch, selfMetrics, jvmMetrics, false, null);
    }
  }

  /**
   * Loads the configuration and connects; nothing runs until {@link #start()}.
   *
   * @throws IOException when the Kubernetes configuration cannot be found or read
   */
  public static Exporter create(Options options) throws InvalidConfigException, IOException {
    CompiledConfig config = ConfigLoader.load(options.configPaths());
    config.warnings().forEach(warning -> LoggerFactory.getLogger(Exporter.class).warn(warning));
    return new Exporter(config, options);
  }

  public void start() {
    sources.forEach(ObjectSource::start);
    if (reloader != null) {
      reloader.start();
    }
  }

  /** What a scrape writes: the mapped series and the exporter's own metrics. */
  public Exposition exposition() {
    return exposition;
  }

  /** The exporter's own metrics and the JVM's; the mapped series are not in it. */
  public PrometheusRegistry registry() {
    return registry;
  }

  public RenderedStore store() {
    return store;
  }

  /** Records how long a whole scrape took, when the exporter's own metrics are on. */
  public void scraped(double seconds) {
    if (self != null) {
      self.scraped(seconds);
    }
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

  /** Reloads the mapping files now if they changed, instead of waiting for the watcher. */
  public void reloadConfig() {
    if (reloader != null) {
      reloader.reloadIfChanged();
    }
  }

  /** Swaps in a whole new configuration; sources deliver again what it maps differently. */
  private synchronized void apply(CompiledConfig next) {
    SeriesLimits inForce = limits.withMetrics(next.seriesLimits());
    store.limits(inForce, drops);
    drops.reset(inForce);
    CompiledConfig previous = config.getAndSet(next);
    if (self != null) {
      self.configLoaded(true);
    }
    sources.forEach(source -> source.configChanged(previous, next));
  }

  private void rejected() {
    if (self != null) {
      self.configLoaded(false);
    }
  }

  /**
   * Stops reading: mapping files are no longer followed and sources stop, but what they delivered
   * stays in the store, so that the series are served until the HTTP server closes.
   */
  @Override
  public void close() {
    if (reloader != null) {
      reloader.close();
    }
    sources.forEach(ObjectSource::close);
  }
}
