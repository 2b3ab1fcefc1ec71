package io.crexporter.config;

import io.crexporter.mapping.CelExpression;
import io.crexporter.mapping.EachLevel;
import io.crexporter.mapping.LabelSource;
import io.crexporter.mapping.ValueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a metric's {@code each}: one path or expression, or a list of levels, each iterating a list
 * found in the element of the level before it ({@code status.resources[*]}, then each resource's
 * {@code conditions[*]}), with labels read at each level.
 */
final class EachReader {

  private static final String PATH = "path";
  private static final Set<String> LEVEL_KEYS =
      Set.of(PATH, SourceReader.CEL, "labels", KeyLabelReader.KEY);

  private EachReader() {}

  /**
   * @param keyLabel the metric's {@code keyLabel}, for a single level
   */
  static Optional<List<EachLevel>> read(
      ConfigNode node, Optional<String> keyLabel, Map<String, ConfigNode> metricKeys) {
    if (!node.isSequence()) {
      return source(node, node).map(source -> List.of(new EachLevel(source, List.of(), keyLabel)));
    }
    if (keyLabel.isPresent()) {
      metricKeys
          .get(KeyLabelReader.KEY)
          .problem("with levels under 'each', give 'keyLabel' in the level whose map it iterates");
      return Optional.empty();
    }
    List<ConfigNode> items = node.items();
    if (items.isEmpty()) {
      node.problem("'each' lists no levels");
      return Optional.empty();
    }
    List<EachLevel> levels = new ArrayList<>();
    boolean complete = true;
    for (ConfigNode item : items) {
      Optional<EachLevel> level = level(item);
      complete &= level.isPresent();
      level.ifPresent(levels::add);
    }
    return complete ? Optional.of(levels) : Optional.empty();
  }

  private static Optional<EachLevel> level(ConfigNode item) {
    if (!item.isMapping()) {
      item.problem(
          "a level of 'each' is a mapping: {path: ..., labels: {...}} or {cel: ..., labels:"
              + " {...}}");
      return Optional.empty();
    }
    Map<String, ConfigNode> keys = item.entries();
    item.allowOnly(keys, LEVEL_KEYS);
    Optional<ValueRef> source;
    if (keys.containsKey(PATH) == keys.containsKey(SourceReader.CEL)) {
      item.problem("a level of 'each' has either 'path' or 'cel'");
      source = Optional.empty();
    } else if (keys.containsKey(PATH)) {
      source = source(keys.get(PATH), keys.get(PATH));
    } else {
      source = SourceReader.compile(keys.get(SourceReader.CEL), CelExpression.Use.ELEMENTS);
    }
    List<LabelSource> labels = LabelsReader.read(keys.get("labels"));
    Optional<String> keyLabel = Optional.empty();
    if (keys.containsKey(KeyLabelReader.KEY)) {
      keyLabel = KeyLabelReader.name(keys.get(KeyLabelReader.KEY));
      if (keyLabel.isEmpty()) {
        return Optional.empty();
      }
    }
    Optional<String> key = keyLabel;
    return source.map(s -> new EachLevel(s, labels, key));
  }

  private static Optional<ValueRef> source(ConfigNode node, ConfigNode at) {
    if (node.isMapping()) {
      return SourceReader.expression(node, CelExpression.Use.ELEMENTS);
    }
    if (node.isSequence()) {
      at.problem("'each' iterates one path or expression; levels are mappings with 'path'");
      return Optional.empty();
    }
    return SourceReader.read(node, SourceReader.Constants.NONE, CelExpression.Use.ELEMENTS);
  }
}
