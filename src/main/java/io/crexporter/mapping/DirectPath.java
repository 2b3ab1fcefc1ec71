package io.crexporter.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path of names and indexes ({@code $.status.conditions[0].type}), possibly ending in {@code [*]}
 * ({@code $.status.conditions[*]}), read by walking the maps and lists of an object. Most mapping
 * paths are of this kind, and Jayway builds an evaluation context for each read; this selects the
 * same nodes without one. Paths with anything else (filters, slices, negative indexes, other
 * wildcards, functions) stay with Jayway. Tests compare both on every path of the shipped mappings
 * over every fixture.
 */
final class DirectPath {

  /** One step of Jayway's normalized form: {@code ['name']} or {@code [0]}. */
  private static final Pattern STEP = Pattern.compile("\\['([^'\\\\]*)'\\]|\\[(\\d{1,9})\\]");

  /** A step: a name, or (name null) an index. */
  private record Step(String name, int index) {}

  private static final String EVERY = "[*]";

  private final Step[] steps;
  private final boolean every;

  private DirectPath(Step[] steps, boolean every) {
    this.steps = steps;
    this.every = every;
  }

  /**
   * The direct form of a path Jayway normalized to {@code normalized} (as {@code
   * JsonPath.getPath()} prints it), or null when it has more than names and indexes.
   */
  static DirectPath of(String normalized, boolean definite) {
    boolean every = !definite && normalized.endsWith(EVERY);
    String path =
        every ? normalized.substring(0, normalized.length() - EVERY.length()) : normalized;
    if ((!definite && !every) || !path.startsWith("$")) {
      return null;
    }
    List<Step> steps = new ArrayList<>();
    Matcher matcher = STEP.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!matcher.find(at) || matcher.start() != at) {
        return null;
      }
      steps.add(
          matcher.group(1) != null
              ? new Step(matcher.group(1), 0)
              : new Step(null, Integer.parseInt(matcher.group(2))));
      at = matcher.end();
    }
    return new DirectPath(steps.toArray(new Step[0]), every);
  }

  /** True for a path ending in {@code [*]}, which selects many nodes. */
  boolean selectsEvery() {
    return every;
  }

  /**
   * Every node selected, nulls left out: for a path ending in {@code [*]} the items of the list or
   * the values of the map it ends at, as Jayway selects them; otherwise the one node.
   */
  List<Object> readAll(Object document) {
    Object node = read(document);
    if (!every) {
      return node == null ? List.of() : List.of(node);
    }
    java.util.Collection<?> items =
        node instanceof List<?> list ? list : node instanceof Map<?, ?> map ? map.values() : null;
    if (items == null) {
      return List.of();
    }
    List<Object> values = new ArrayList<>(items.size());
    for (Object item : items) {
      if (item != null) {
        values.add(item);
      }
    }
    return values;
  }

  /**
   * The node at the path, or null when something on the way is missing, null or of another kind.
   */
  Object read(Object document) {
    Object node = document;
    for (Step step : steps) {
      if (step.name() != null) {
        if (!(node instanceof Map<?, ?> map)) {
          return null;
        }
        node = map.get(step.name());
      } else {
        if (!(node instanceof List<?> list) || step.index() >= list.size()) {
          return null;
        }
        node = list.get(step.index());
      }
      if (node == null) {
        return null;
      }
    }
    return node;
  }
}
