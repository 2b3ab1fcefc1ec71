package io.crexporter.mapping;

import java.util.List;
import java.util.Optional;

/**
 * How one metric is computed from an object.
 *
 * @param each when present, one group of series per selected element; {@code @} paths read from it
 * @param keyLabel with {@code each}: when {@code each} selects one map, its entries are iterated,
 *     {@code @} reading the entry's value and this label holding its key
 * @param value the sample value of a gauge; unused by the other types
 * @param stateSet the states of a stateset; null for the other types
 */
public record MetricMapping(
    MetricFamily family,
    Optional<ObjectPath> each,
    Optional<String> keyLabel,
    List<LabelSource> labels,
    ValueRef value,
    ValueType valueType,
    boolean nilIsZero,
    StateSetSpec stateSet,
    int maxSeries)
    implements MetricRule {

  public MetricMapping {
    labels = LabelSource.inApplyOrder(labels);
  }

  @Override
  public void evaluate(
      Object root,
      java.util.Map<String, String> resourceLabels,
      List<Series> out,
      List<EvaluationError> errors) {
    MetricMappingEvaluator.evaluate(this, root, resourceLabels, out, errors);
  }
}
