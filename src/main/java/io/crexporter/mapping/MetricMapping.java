package io.crexporter.mapping;

import java.util.List;
import java.util.Optional;

/**
 * How one metric is computed from an object.
 *
 * @param each the levels iterated, outermost first: one group of series per element of the last;
 *     none for one group from the object itself
 * @param value the sample value of a gauge; unused by the other types
 * @param valueMap with a gauge, the numbers the value's text stands for
 * @param stateSet the states of a stateset; null for the other types
 */
public record MetricMapping(
    MetricFamily family,
    List<EachLevel> each,
    List<LabelSource> labels,
    ValueRef value,
    ValueType valueType,
    boolean nilIsZero,
    Optional<ValueMap> valueMap,
    StateSetSpec stateSet,
    int maxSeries)
    implements MetricRule {

  public MetricMapping {
    each = List.copyOf(each);
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
