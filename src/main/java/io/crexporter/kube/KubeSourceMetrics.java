package io.crexporter.kube;

import io.crexporter.exposition.SelfMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Per-resource health of the Kubernetes source: up, last sync and last event, lists, watches, watch
 * events, list/watch errors.
 */
public final class KubeSourceMetrics {

  private final Counter events;
  private final Counter errors;
  private final Counter lists;
  private final Counter watches;

  public KubeSourceMetrics() {
    events =
        Counter.builder()
            .name(SelfMetrics.PREFIX + "watch_events_total")
            .help("Watch events received, per resource and event type.")
            .labelNames("group", "version", "kind", "type")
            .build();
    errors =
        Counter.builder()
            .name(SelfMetrics.PREFIX + "list_watch_errors_total")
            .help("Failed lists and watches, per resource and operation (list or watch).")
            .labelNames("group", "version", "kind", "operation")
            .build();
    lists =
        Counter.builder()
            .name(SelfMetrics.PREFIX + "lists_total")
            .help("Full lists completed, per resource: the first, and one after each lost watch.")
            .labelNames("group", "version", "kind")
            .build();
    watches =
        Counter.builder()
            .name(SelfMetrics.PREFIX + "watches_total")
            .help(
                "Watches the API server accepted, per resource: one after each list, and one each"
                    + " time a watch is resumed.")
            .labelNames("group", "version", "kind")
            .build();
  }

  void listed(ResourceTarget target) {
    lists.labelValues(target.group(), target.version(), target.kind()).inc();
  }

  void watchOpened(ResourceTarget target) {
    watches.labelValues(target.group(), target.version(), target.kind()).inc();
  }

  void event(ResourceTarget target, String type) {
    events.labelValues(target.group(), target.version(), target.kind(), type).inc();
  }

  void error(ResourceTarget target, String operation) {
    errors.labelValues(target.group(), target.version(), target.kind(), operation).inc();
  }

  /**
   * Registers the counters, and gauges that read {@code health} and {@code shard} at every scrape.
   */
  public void registerIn(
      PrometheusRegistry registry,
      Supplier<List<KindHealth>> health,
      Supplier<Optional<Shard>> shard) {
    registry.register(events);
    registry.register(errors);
    registry.register(lists);
    registry.register(watches);
    registry.register(new HealthCollector(health));
    registry.register(new ShardCollector(shard));
  }

  /** The shard, as kube-state-metrics exposes its own: the total only once it is known. */
  private record ShardCollector(Supplier<Optional<Shard>> shard) implements MultiCollector {
    @Override
    public MetricSnapshots collect() {
      Optional<Shard> current = shard.get();
      return new MetricSnapshots(
          gauge(
              "shard_ordinal",
              "This replica's shard, from 0; 0 when objects are not sharded.",
              current.map(Shard::ordinal)),
          gauge(
              "total_shards",
              "How many shards the objects are split into, as this replica knows it; 1 when they"
                  + " are not sharded.",
              current.map(Shard::total)));
    }

    private static GaugeSnapshot gauge(String name, String help, Optional<Integer> value) {
      return new GaugeSnapshot(
          new MetricMetadata(SelfMetrics.PREFIX + name, help),
          value
              .map(v -> List.of(new GaugeDataPointSnapshot(v, Labels.EMPTY, null)))
              .orElse(List.of()));
    }
  }

  private record HealthCollector(Supplier<List<KindHealth>> health) implements MultiCollector {
    @Override
    public MetricSnapshots collect() {
      List<GaugeDataPointSnapshot> up = new ArrayList<>();
      List<GaugeDataPointSnapshot> synced = new ArrayList<>();
      List<GaugeDataPointSnapshot> heard = new ArrayList<>();
      for (KindHealth kind : health.get()) {
        Labels labels =
            Labels.of("group", kind.group(), "version", kind.version(), "kind", kind.kind());
        up.add(new GaugeDataPointSnapshot(kind.up() ? 1 : 0, labels, null));
        if (kind.lastSyncSeconds() > 0) {
          synced.add(new GaugeDataPointSnapshot(kind.lastSyncSeconds(), labels, null));
        }
        if (kind.lastEventSeconds() > 0) {
          heard.add(new GaugeDataPointSnapshot(kind.lastEventSeconds(), labels, null));
        }
      }
      return new MetricSnapshots(
          new GaugeSnapshot(
              new MetricMetadata(
                  SelfMetrics.PREFIX + "resource_up",
                  "1 when every object of the resource could be listed and watched, 0 when it"
                      + " cannot be read (missing CRD, version not served, no permission, errors)."),
              up),
          new GaugeSnapshot(
              new MetricMetadata(
                  SelfMetrics.PREFIX + "last_sync_timestamp_seconds",
                  "When a full list of the resource last completed."),
              synced),
          new GaugeSnapshot(
              new MetricMetadata(
                  SelfMetrics.PREFIX + "last_event_timestamp_seconds",
                  "When the API server last sent something for the resource: a watch event"
                      + " (bookmarks included) or a list."),
              heard));
    }
  }
}
