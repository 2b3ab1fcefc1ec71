package io.crexporter.mapping;

import java.util.Map;

/**
 * Adds zero or more labels to a series. A source whose value does not resolve adds nothing: the
 * label is left out of that series.
 */
public interface LabelSource {

  void addTo(Object root, Object element, Map<String, String> labels);

  /** The label names this source may add, for validation; empty when only known at run time. */
  java.util.Set<String> names();

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
