package io.crexporter.config;

import java.util.Map;
import java.util.Optional;

/** Reads a metric's {@code keyLabel}: the label that holds the key of each map entry. */
final class KeyLabelReader {

  static final String KEY = "keyLabel";

  private KeyLabelReader() {}

  static Optional<String> read(ConfigNode metric, Map<String, ConfigNode> keys) {
    ConfigNode node = keys.get(KEY);
    if (node == null) {
      return Optional.empty();
    }
    Optional<String> name = node.text();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    // without each there are no map entries whose key it could hold
    if (!keys.containsKey("each")) {
      node.problem(
          "'keyLabel' names the label holding the key of each entry of the map 'each' selects;"
              + " add 'each'");
      return Optional.empty();
    }
    return name(node);
  }

  /** The label name {@code node} gives, when it is a valid one. */
  static Optional<String> name(ConfigNode node) {
    Optional<String> name = node.text();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String problem = PrometheusNames.labelNameProblem(name.get());
    if (problem != null) {
      node.problem(problem);
      return Optional.empty();
    }
    return name;
  }
}
