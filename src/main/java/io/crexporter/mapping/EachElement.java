package io.crexporter.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One element a metric's series are computed from: the object itself, or an element of the last
 * level of its {@code each}, with the labels its levels gave it.
 *
 * @param value what {@code @} reads: the element, or a {@link Nested} under nested levels
 * @param levelLabels labels read at each level from that level's element
 * @param keys the key labels of map entries iterated, set after every other label
 */
record EachElement(Object value, Map<String, String> levelLabels, Map<String, String> keys) {

  static List<EachElement> of(MetricMapping metric, Object root, List<EvaluationError> errors) {
    List<EachLevel> levels = metric.each();
    if (levels.isEmpty()) {
      return List.of(new EachElement(root, Map.of(), Map.of()));
    }
    if (levels.size() == 1
        && levels.get(0).labels().isEmpty()
        && levels.get(0).source() instanceof ValueRef.PathRef ref) {
      return onePath(levels.get(0), ref.path(), root);
    }
    List<EachElement> current = List.of(new EachElement(root, Map.of(), Map.of()));
    for (int depth = 0; depth < levels.size(); depth++) {
      EachLevel level = levels.get(depth);
      List<EachElement> next = new ArrayList<>();
      for (int i = 0; i < current.size(); i++) {
        expand(metric, level, depth, root, current.get(i), next, errors);
      }
      current = next;
    }
    return current;
  }

  private static void expand(
      MetricMapping metric,
      EachLevel level,
      int depth,
      Object root,
      EachElement outer,
      List<EachElement> out,
      List<EvaluationError> errors) {
    List<Item> items;
    try {
      items = items(level, root, depth == 0 ? root : outer.value);
    } catch (ExpressionFailure e) {
      errors.add(
          new EvaluationError(metric.name(), EvaluationError.Reason.INVALID, e.getMessage()));
      return;
    }
    for (Item item : items) {
      Object value = depth == 0 ? item.value : nested(item.value, outer.value);
      Map<String, String> labels = outer.levelLabels;
      if (!level.labels().isEmpty()) {
        TreeMap<String, String> read = new TreeMap<>(outer.levelLabels);
        for (LabelSource source : level.labels()) {
          ObjectEvaluator.addLabelsSafely(metric.name(), source, root, value, read, errors);
        }
        labels = read;
      }
      Map<String, String> keys = outer.keys;
      if (level.keyLabel().isPresent() && item.key.isPresent()) {
        TreeMap<String, String> withKey = new TreeMap<>(outer.keys);
        withKey.put(level.keyLabel().get(), item.key.get());
        keys = withKey;
      }
      out.add(new EachElement(value, labels, keys));
    }
  }

  /** The common case, one path and no level labels, without the general machinery. */
  private static List<EachElement> onePath(EachLevel level, ObjectPath path, Object root) {
    List<Object> selected = path.readAll(root, root);
    if (level.keyLabel().isPresent()
        && path.isDefinite()
        && selected.size() == 1
        && selected.get(0) instanceof Map<?, ?> map) {
      String keyLabel = level.keyLabel().get();
      List<EachElement> elements = new ArrayList<>(map.size());
      for (Item item : entries(map)) {
        Map<String, String> keys =
            item.key.isPresent() ? Map.of(keyLabel, item.key.get()) : Map.of();
        elements.add(new EachElement(item.value, Map.of(), keys));
      }
      return elements;
    }
    List<Object> values = path.elementsOf(selected);
    List<EachElement> elements = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      elements.add(new EachElement(values.get(i), Map.of(), Map.of()));
    }
    return elements;
  }

  private static Nested nested(Object value, Object outer) {
    List<Object> parents = new ArrayList<>();
    parents.add(Nested.valueOf(outer));
    parents.addAll(Nested.parentsOf(outer));
    return new Nested(value, parents);
  }

  /** An element of a level; {@code key} is the key of a map entry iterated with a key label. */
  private record Item(Optional<String> key, Object value) {}

  private static List<Item> items(EachLevel level, Object root, Object outer) {
    if (level.source() instanceof ValueRef.PathRef ref) {
      ObjectPath path = ref.path();
      List<Object> selected = path.readAll(root, outer);
      if (level.keyLabel().isPresent()
          && path.isDefinite()
          && selected.size() == 1
          && selected.get(0) instanceof Map<?, ?> map) {
        return entries(map);
      }
      return path.elementsOf(selected).stream().map(v -> new Item(Optional.empty(), v)).toList();
    }
    Optional<Object> result = level.source().resolve(root, outer);
    if (result.isEmpty()) {
      return List.of();
    }
    Object selected = result.get();
    if (selected instanceof Map<?, ?> map && level.keyLabel().isPresent()) {
      return entries(map);
    }
    if (selected instanceof Collection<?> collection) {
      List<Item> items = new ArrayList<>(collection.size());
      for (Object item : collection) {
        CelValues.fromCel(item).ifPresent(v -> items.add(new Item(Optional.empty(), v)));
      }
      return items;
    }
    return List.of(new Item(Optional.empty(), selected));
  }

  /** Entries without a value are skipped, as null items of a list are. */
  private static List<Item> entries(Map<?, ?> map) {
    List<Item> items = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      CelValues.fromCel(entry.getValue())
          .ifPresent(v -> items.add(new Item(LabelText.of(entry.getKey()), v)));
    }
    return items;
  }
}
