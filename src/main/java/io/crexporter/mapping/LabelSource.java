package io.crexporter.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds zero or more labels to a series. A source whose value does not resolve adds nothing: the
 * label is left out of that series.
 */
public interface LabelSource {

  void addTo(Object root, Object element, Map<String, String> labels);

  /** The label names this source may add, for validation; empty when only known at run time. */
  java.util.Set<String> names();

  /**
   * A star label: a label per entry of the map {@code path} selects, named {@code prefix} and the
   * entry's key.
   */
  static LabelSource copyingMap(String prefix, ObjectPath path) {
    return new MapLabels(prefix, new ValueRef.PathRef(path));
  }

  /** A star label whose map comes from an expression (or a path). */
  static LabelSource copyingMap(String prefix, ValueRef source) {
    return new MapLabels(prefix, source);
  }

  /**
   * The sources of one {@code labels} block in the order they apply: star labels first, so that a
   * label named explicitly wins over a copied one wherever either is written.
   */
  static List<LabelSource> inApplyOrder(List<LabelSource> block) {
    List<LabelSource> ordered = new ArrayList<>(block.size());
    block.stream().filter(MapLabels.class::isInstance).forEach(ordered::add);
    block.stream().filter(source -> !(source instanceof MapLabels)).forEach(ordered::add);
    return List.copyOf(ordered);
  }

  /** One label whose value comes from a path or a constant. */
  record Single(String name, ValueRef value) implements LabelSource {
    @Override
    public void addTo(Object root, Object element, Map<String, String> labels) {
      value.resolve(root, element).flatMap(LabelText::of).ifPresent(text -> labels.put(name, text));
    }

    @Override
    public java.util.Set<String> names() {
      return java.util.Set.of(name);
    }
  }
}
