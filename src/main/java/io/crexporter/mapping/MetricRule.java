package io.crexporter.mapping;

import java.util.List;
import java.util.Map;

/**
 * One compiled metric of a resource mapping: how its series are computed from an object. Each
 * configuration format compiles to its own rules; the rest of the pipeline sees only this.
 */
public interface MetricRule {

  MetricFamily family();

  default String name() {
    return family().name();
  }

  default MetricType type() {
    return family().type();
  }

  /** The most series of this metric the store keeps; 0 for the exporter's limit. */
  default int maxSeries() {
    return 0;
  }

  /**
   * Adds the series of one object to {@code out} and what could not be computed to {@code errors}.
   *
   * @param resourceLabels labels the resource mapping puts on every series, already read
   */
  void evaluate(
      Object root,
      Map<String, String> resourceLabels,
      List<Series> out,
      List<EvaluationError> errors);
}
