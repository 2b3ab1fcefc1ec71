package io.crexporter.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element a metric's series are computed from: the object itself, an item of the list its
 * {@code each} selects, or the value of an entry of the map it selects (with {@code keyLabel}).
 *
 * @param key the entry's key, for the key label; empty for anything but a map entry
 */
record EachElement(Optional<String> key, Object value) {

  static List<EachElement> of(MetricMapping metric, Object root) {
    if (metric.each().isEmpty()) {
      return List.of(new EachElement(Optional.empty(), root));
    }
    ObjectPath each = metric.each().get();
    List<Object> selected = each.readAll(root, root);
    if (metric.keyLabel().isPresent()
        && each.isDefinite()
        && selected.size() == 1
        && selected.get(0) instanceof Map<?, ?> map) {
      return entries(map);
    }
    return each.elementsOf(selected).stream()
        .map(item -> new EachElement(Optional.empty(), item))
        .toList();
  }

  /** Entries without a value are skipped, as null items of a list are. */
  private static List<EachElement> entries(Map<?, ?> map) {
    List<EachElement> elements = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getValue() != null) {
        elements.add(new EachElement(LabelText.of(entry.getKey()), entry.getValue()));
      }
    }
    return elements;
  }
}
