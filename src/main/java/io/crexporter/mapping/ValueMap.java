package io.crexporter.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A gauge's value read as text and looked up: {@code Ready: 1, Failed: 0}, so that a phase can be
 * one gauge. Values not listed take {@code otherwise} when there is one; else the series is dropped
 * and the value counted as invalid.
 */
public record ValueMap(Map<String, Double> values, Optional<Double> otherwise) {

  /** The key standing for every value not listed. */
  public static final String OTHERWISE = "*";

  public ValueMap {
    values = Map.copyOf(values);
  }

  OptionalDouble lookUp(Object raw) {
    Optional<String> text = LabelText.of(raw);
    Double value = text.map(values::get).orElse(null);
    if (value == null) {
      value = otherwise.orElse(null);
    }
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
