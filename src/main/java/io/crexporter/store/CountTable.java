package io.crexporter.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Running totals of count metrics, adjusted as objects come and go instead of recounted per scrape.
 */
final class CountTable {

  private final Map<Integer, Map<String, Long>> byFamily = new ConcurrentHashMap<>();

  void add(List<CountKey> keys) {
    for (CountKey key : keys) {
      byFamily
          .computeIfAbsent(key.family(), family -> new ConcurrentHashMap<>())
          .merge(key.labels(), 1L, Long::sum);
    }
  }

  void subtract(List<CountKey> keys) {
    for (CountKey key : keys) {
      Map<String, Long> counts = byFamily.get(key.family());
      if (counts != null) {
        // a count that reaches zero disappears, as the series of a deleted object do
        counts.computeIfPresent(key.labels(), (labels, n) -> n > 1 ? n - 1 : null);
      }
    }
  }

  /** Current counts of one family by rendered labels; a live view. */
  Map<String, Long> counts(int family) {
    return byFamily.getOrDefault(family, Map.of());
  }
}
