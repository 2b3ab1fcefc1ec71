package io.crexporter.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Computes the series of one {@link MetricMapping} from one object. */
final class MetricMappingEvaluator {

  private MetricMappingEvaluator() {}

  static void evaluate(
      MetricMapping metric,
      Object root,
      Map<String, String> resourceLabels,
      List<Series> out,
      List<EvaluationError> errors) {
    List<EachElement> elements = EachElement.of(metric, root, errors);
    List<LabelSource> sources = metric.labels();
    for (int e = 0; e < elements.size(); e++) {
      EachElement each = elements.get(e);
      Object element = each.value();
      // counts aggregate across objects, so the labels identifying one object do not apply
      TreeMap<String, String> labels =
          metric.type() == MetricType.COUNT ? new TreeMap<>() : new TreeMap<>(resourceLabels);
      labels.putAll(each.levelLabels());
      for (int i = 0; i < sources.size(); i++) {
        ObjectEvaluator.addLabelsSafely(
            metric.name(), sources.get(i), root, element, labels, errors);
      }
      // set last: the key is what tells the entries apart, so no other label may replace it
      labels.putAll(each.keys());
      try {
        switch (metric.type()) {
          case INFO, COUNT -> out.add(Series.owning(metric.family(), labels, 1));
          case GAUGE -> gauge(metric, root, element, labels, out, errors);
          case STATESET -> stateSet(metric, root, element, labels, out, errors);
        }
      } catch (ExpressionFailure failure) {
        errors.add(
            new EvaluationError(
                metric.name(), EvaluationError.Reason.INVALID, failure.getMessage()));
      }
    }
  }

  private static void gauge(
      MetricMapping metric,
      Object root,
      Object element,
      TreeMap<String, String> labels,
      List<Series> out,
      List<EvaluationError> errors) {
    Optional<Object> raw = metric.value().resolve(root, element);
    if (metric.valueType() == ValueType.PRESENT) {
      out.add(
          Series.owning(
              metric.family(), labels, raw.filter(ValueConverter::isPresent).isPresent() ? 1 : 0));
      return;
    }
    if (raw.isEmpty()) {
      if (metric.nilIsZero()) {
        out.add(Series.owning(metric.family(), labels, 0));
      } else {
        errors.add(missing(metric, metric.value()));
      }
      return;
    }
    if (metric.valueMap().isPresent()) {
      OptionalDouble mapped = metric.valueMap().get().lookUp(raw.get());
      if (mapped.isPresent()) {
        out.add(Series.owning(metric.family(), labels, mapped.getAsDouble()));
      } else {
        errors.add(
            new EvaluationError(
                metric.name(),
                EvaluationError.Reason.INVALID,
                "'" + raw.get() + "' at " + metric.value() + " is not in the valueMap"));
      }
      return;
    }
    OptionalDouble value = ValueConverter.convert(raw.get(), metric.valueType());
    if (value.isEmpty()) {
      errors.add(
          new EvaluationError(
              metric.name(),
              EvaluationError.Reason.INVALID,
              "'"
                  + raw.get()
                  + "' at "
                  + metric.value()
                  + " is not a "
                  + metric.valueType().configName()
                  + " value"));
      return;
    }
    out.add(Series.owning(metric.family(), labels, value.getAsDouble()));
  }

  private static void stateSet(
      MetricMapping metric,
      Object root,
      Object element,
      TreeMap<String, String> labels,
      List<Series> out,
      List<EvaluationError> errors) {
    StateSetSpec spec = metric.stateSet();
    Optional<String> current = spec.current().resolve(root, element).flatMap(LabelText::of);
    if (current.isEmpty()) {
      errors.add(missing(metric, spec.current()));
      return;
    }
    boolean known = false;
    for (String state : spec.states()) {
      TreeMap<String, String> stateLabels = new TreeMap<>(labels);
      stateLabels.put(spec.label(), state);
      boolean active = state.equals(current.get());
      known |= active;
      out.add(Series.owning(metric.family(), stateLabels, active ? 1 : 0));
    }
    if (!known) {
      // the set stays complete (all 0) so that alerts on "== 1" see no current state
      errors.add(
          new EvaluationError(
              metric.name(),
              EvaluationError.Reason.INVALID,
              "'" + current.get() + "' at " + spec.current() + " is not one of " + spec.states()));
    }
  }

  private static EvaluationError missing(MetricMapping metric, ValueRef where) {
    return new EvaluationError(
        metric.name(), EvaluationError.Reason.MISSING, "nothing at " + where);
  }
}
