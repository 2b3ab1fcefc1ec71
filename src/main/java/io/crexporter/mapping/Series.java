package io.crexporter.mapping;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** One computed sample: metric family, labels (sorted by name) and value. Immutable. */
public final class Series {

  private final MetricFamily family;
  private final SortedMap<String, String> labels;
  private final double value;

  /** The labels are copied. */
  public Series(MetricFamily family, Map<String, String> labels, double value) {
    this(family, new TreeMap<>(labels), value);
  }

  private Series(MetricFamily family, TreeMap<String, String> labels, double value) {
    this.family = family;
    this.labels = Collections.unmodifiableSortedMap(labels);
    this.value = value;
  }

  /**
   * A series that takes {@code labels} as they are: for the evaluator, which makes a map per series
   * and never touches it again, so that it is not copied once more.
   */
  static Series owning(MetricFamily family, TreeMap<String, String> labels, double value) {
    return new Series(family, labels, value);
  }

  public MetricFamily family() {
    return family;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public double value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Series series
        && family.equals(series.family)
        && labels.equals(series.labels)
        && Double.compare(value, series.value) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, labels, value);
  }

  @Override
  public String toString() {
    return "Series[family=" + family + ", labels=" + labels + ", value=" + value + "]";
  }
}
