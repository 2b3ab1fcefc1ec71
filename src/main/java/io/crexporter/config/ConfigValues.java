package io.crexporter.config;

import io.crexporter.mapping.CelExpression;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.Selection;
import io.crexporter.mapping.ValueRef;
import io.crexporter.mapping.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads single values of a mapping file (paths, constants, labels, enumerations), recording a
 * problem at the node when a value is not what it should be.
 */
final class ConfigValues {

  private ConfigValues() {}

  static Optional<ValueRef> readValue(ConfigNode metric, ConfigNode node) {
    if (node == null) {
      metric.problem("missing 'value': a gauge needs a path, an expression or a number");
      return Optional.empty();
    }
    return SourceReader.read(node, SourceReader.Constants.NUMBER, CelExpression.Use.SCALAR);
  }

  static Optional<ValueType> valueType(ConfigNode node) {
    Optional<String> text = node.text();
    Optional<ValueType> type = text.flatMap(ValueType::fromConfigName);
    if (text.isPresent() && type.isEmpty()) {
      node.problem(
          "unknown value type '" + text.get() + "'; expected one of " + names(ValueType.values()));
    }
    return type;
  }

  static Optional<MetricType> metricType(ConfigNode node, String text) {
    for (MetricType type : MetricType.values()) {
      if (type.configName().equals(text)) {
        return Optional.of(type);
      }
    }
    node.problem(
        "unknown metric type '" + text + "'; expected one of " + names(MetricType.values()));
    return Optional.empty();
  }

  static Optional<String> requiredText(
      ConfigNode parent, Map<String, ConfigNode> keys, String key) {
    ConfigNode node = keys.get(key);
    if (node == null) {
      parent.problem("missing '" + key + "'");
      return Optional.empty();
    }
    return node.text();
  }

  /** The namespaces and selectors of a resource; every key is optional. */
  static Selection readSelection(Map<String, ConfigNode> keys) {
    List<String> namespaces = new ArrayList<>();
    ConfigNode list = keys.get("namespaces");
    if (list != null) {
      for (ConfigNode item : list.items()) {
        item.text().ifPresent(namespaces::add);
      }
    }
    return new Selection(
        namespaces,
        selector(keys.get("labelSelector")),
        optionalText(keys.get("fieldSelector")).orElse(""),
        selector(keys.get("namespaceSelector")));
  }

  /** A label selector, checked; empty when not given or not valid (with a problem). */
  private static String selector(ConfigNode node) {
    String selector = optionalText(node).orElse("");
    Optional<String> problem = LabelSelectorSyntax.problem(selector);
    if (!selector.isEmpty() && problem.isPresent()) {
      node.problem(problem.get());
      return "";
    }
    return selector;
  }

  static Optional<String> optionalText(ConfigNode node) {
    return node == null ? Optional.empty() : node.text();
  }

  static String names(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
