package io.crexporter.config;

import io.crexporter.mapping.ValueMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a gauge's {@code valueMap}: text to number ({@code Succeeded: 1, Failed: 0}), with {@code
 * "*"} for any other text. Numbers may be NaN, +Inf and -Inf.
 */
final class ValueMapReader {

  static final String KEY = "valueMap";

  private ValueMapReader() {}

  static Optional<ValueMap> read(Map<String, ConfigNode> metricKeys) {
    ConfigNode node = metricKeys.get(KEY);
    if (metricKeys.containsKey("valueType")) {
      metricKeys
          .get("valueType")
          .problem("'valueMap' gives the value of each text; remove 'valueType'");
      return Optional.empty();
    }
    if (!node.isMapping()) {
      node.problem(
          "expected a mapping of values to numbers, such as {Ready: 1, Failed: 0, \"*\": NaN}");
      return Optional.empty();
    }
    Map<String, Double> values = new LinkedHashMap<>();
    Double otherwise = null;
    boolean complete = true;
    for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
      Optional<Double> number = number(entry.getValue());
      if (number.isEmpty()) {
        complete = false;
      } else if (entry.getKey().equals(ValueMap.OTHERWISE)) {
        otherwise = number.get();
      } else {
        values.put(entry.getKey(), number.get());
      }
    }
    if (values.isEmpty() && complete) {
      node.problem("'valueMap' maps no value");
      return Optional.empty();
    }
    return complete
        ? Optional.of(new ValueMap(values, Optional.ofNullable(otherwise)))
        : Optional.empty();
  }

  private static Optional<Double> number(ConfigNode node) {
    Optional<String> text = node.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String value = text.get().trim();
    switch (value) {
      case "NaN", ".nan", ".NaN":
        return Optional.of(Double.NaN);
      case "+Inf", "Inf", ".inf", "+.inf":
        return Optional.of(Double.POSITIVE_INFINITY);
      case "-Inf", "-.inf":
        return Optional.of(Double.NEGATIVE_INFINITY);
      default:
        break;
    }
    try {
      return Optional.of(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      node.problem("expected a number (or NaN, +Inf, -Inf), found '" + value + "'");
      return Optional.empty();
    }
  }
}
