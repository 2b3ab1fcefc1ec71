package io.crexporter.mapping;

import java.util.List;

/**
 * The element of a nested {@code each} with the elements that enclose it, nearest first. Paths read
 * {@code value}; expressions also see {@code parents}. Only nested levels make one, so that a
 * single {@code each} passes its elements as they are.
 */
record Nested(Object value, List<Object> parents) {

  Nested {
    parents = List.copyOf(parents);
  }

  /** What {@code @} reads: the element itself. */
  static Object valueOf(Object element) {
    return element instanceof Nested nested ? nested.value : element;
  }

  static List<Object> parentsOf(Object element) {
    return element instanceof Nested nested ? nested.parents : List.of();
  }
}
