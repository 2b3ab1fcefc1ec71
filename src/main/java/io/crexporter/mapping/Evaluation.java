package io.crexporter.mapping;

import java.util.List;

/** What one object yields under one resource mapping. */
public record Evaluation(List<Series> series, List<EvaluationError> errors) {
  public Evaluation {
    series = List.copyOf(series);
    errors = List.copyOf(errors);
  }
}
