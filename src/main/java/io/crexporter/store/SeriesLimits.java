package io.crexporter.store;

import java.util.Map;

/**
 * The most series the store keeps: of each metric, and in all; and the longest label value. The
 * defaults are far beyond every shipped mapping at 100,000 objects, and keep a runaway mapping
 * (labels from every annotation, an {@code each} over a huge list) from taking the heap.
 *
 * @param perMetric series of one metric name, unless {@code metrics} says otherwise
 * @param total series of all metrics together
 * @param labelValueLength characters of one label value
 * @param metrics limits of metric names that have their own ({@code maxSeries} in a mapping)
 */
public record SeriesLimits(
    int perMetric, long total, int labelValueLength, Map<String, Integer> metrics) {

  public static final int DEFAULT_PER_METRIC = 1_000_000;
  public static final long DEFAULT_TOTAL = 10_000_000;
  public static final int DEFAULT_LABEL_VALUE_LENGTH = 16_384;

  public static final SeriesLimits DEFAULTS =
      new SeriesLimits(DEFAULT_PER_METRIC, DEFAULT_TOTAL, DEFAULT_LABEL_VALUE_LENGTH, Map.of());

  public SeriesLimits {
    metrics = Map.copyOf(metrics);
  }

  public int limitOf(String metric) {
    return metrics.getOrDefault(metric, perMetric);
  }

  /** The same, with these metrics' own limits. */
  public SeriesLimits withMetrics(Map<String, Integer> own) {
    return new SeriesLimits(perMetric, total, labelValueLength, own);
  }

  /** Why series were left out, the {@code reason} label of the dropped-series counter. */
  public enum Reason {
    METRIC_LIMIT("metric_limit"),
    TOTAL_LIMIT("total_limit"),
    LABEL_VALUE_TOO_LONG("label_value_too_long");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Told of series left out, and of metrics that take series again. */
  @FunctionalInterface
  public interface Drops {
    Drops NONE = (metric, reason, series) -> {};

    void dropped(String metric, Reason reason, int series);

    /** An object added series of {@code metric}: it is within its limits now. */
    default void fits(String metric) {}
  }
}
