package io.crexporter.mapping;

import java.util.Map;

/** One computed sample: metric family, labels (sorted by name) and value. */
public record Series(MetricFamily family, Map<String, String> labels, double value) {
  public Series {
    labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
  }
}
