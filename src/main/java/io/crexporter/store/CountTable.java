package io.crexporter.store;

import io.crexporter.mapping.MetricFamily;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Running totals of count metrics, adjusted as objects come and go instead of recounted per scrape.
 */
final class CountTable {

  private final Map<String, Map<Labels, Long>> byFamily = new ConcurrentHashMap<>();

  void add(List<StoredObject.CountContribution> contributions) {
    for (StoredObject.CountContribution c : contributions) {
      byFamily
          .computeIfAbsent(c.family().name(), name -> new ConcurrentHashMap<>())
          .merge(c.labels(), 1L, Long::sum);
    }
  }

  void subtract(List<StoredObject.CountContribution> contributions) {
    for (StoredObject.CountContribution c : contributions) {
      Map<Labels, Long> counts = byFamily.get(c.family().name());
      if (counts != null) {
        // a count that reaches zero disappears, as the series of a deleted object do
        counts.computeIfPresent(c.labels(), (labels, n) -> n > 1 ? n - 1 : null);
      }
    }
  }

  /** Current counts of one family; a live view. */
  Map<Labels, Long> counts(MetricFamily family) {
    return byFamily.getOrDefault(family.name(), Map.of());
  }
}
