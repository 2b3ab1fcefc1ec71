package io.crexporter.mapping;

import java.util.Optional;

/** Where a value or label value comes from: a path into the object, or a constant. */
public sealed interface ValueRef {

  Optional<Object> resolve(Object root, Object element);

  /** Text that starts with {@code $} or {@code @} is a path; anything else is a constant. */
  static ValueRef parse(String text) {
    return ObjectPath.looksLikePath(text)
        ? new PathRef(ObjectPath.compile(text))
        : new Constant(text);
  }

  record PathRef(ObjectPath path) implements ValueRef {
    @Override
    public Optional<Object> resolve(Object root, Object element) {
      return path.readFirst(root, element);
    }

    @Override
    public String toString() {
      return path.expression();
    }
  }

  record Constant(Object value) implements ValueRef {
    @Override
    public Optional<Object> resolve(Object root, Object element) {
      return Optional.of(value);
    }

    @Override
    public String toString() {
      return String.valueOf(value);
    }
  }
}
