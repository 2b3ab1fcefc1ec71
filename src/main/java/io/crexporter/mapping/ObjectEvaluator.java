package io.crexporter.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the series of one object. Total: whatever the object holds, a failure drops only the
 * series concerned and is reported as an {@link EvaluationError}.
 */
public final class ObjectEvaluator {

  private ObjectEvaluator() {}

  public static Evaluation evaluate(ResourceMapping mapping, Object root) {
    List<Series> series = new ArrayList<>();
    List<EvaluationError> errors = new ArrayList<>();
    evaluateInto(mapping, root, series, errors);
    return new Evaluation(series, errors);
  }

  /** The same, adding to the lists given: what ingestion calls for every object event. */
  public static void evaluateInto(
      ResourceMapping mapping, Object root, List<Series> series, List<EvaluationError> errors) {
    Map<String, String> resourceLabels = new TreeMap<>();
    List<LabelSource> labels = mapping.labels();
    List<MetricRule> metrics = mapping.metrics();
    for (int i = 0; i < labels.size(); i++) {
      String failure = addLabelsSafely(labels.get(i), root, root, resourceLabels);
      if (failure != null) {
        // every metric's series go without the label
        for (MetricRule metric : metrics) {
          errors.add(new EvaluationError(metric.name(), EvaluationError.Reason.INVALID, failure));
        }
      }
    }
    for (int i = 0; i < metrics.size(); i++) {
      MetricRule metric = metrics.get(i);
      try {
        metric.evaluate(root, resourceLabels, series, errors);
      } catch (RuntimeException e) {
        errors.add(
            new EvaluationError(metric.name(), EvaluationError.Reason.INVALID, e.toString()));
      }
    }
  }

  /**
   * Adds what {@code label} reads; a label that cannot be read is left out, like one whose path
   * selects nothing.
   *
   * @return why an expression failed, or null
   */
  static String addLabelsSafely(
      LabelSource label, Object root, Object element, Map<String, String> labels) {
    try {
      label.addTo(root, element, labels);
    } catch (ExpressionFailure e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      // a path reading odd input: as if it selected nothing
    }
    return null;
  }

  /** The same, counting an expression's failure against {@code metric}. */
  static void addLabelsSafely(
      String metric,
      LabelSource label,
      Object root,
      Object element,
      Map<String, String> labels,
      List<EvaluationError> errors) {
    String failure = addLabelsSafely(label, root, element, labels);
    if (failure != null) {
      errors.add(new EvaluationError(metric, EvaluationError.Reason.INVALID, failure));
    }
  }
}
