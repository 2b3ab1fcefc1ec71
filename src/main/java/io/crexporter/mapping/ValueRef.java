package io.crexporter.mapping;

import java.util.List;
import java.util.Optional;

/**
 * Where a value or label value comes from: a path into the object, a CEL expression, a constant, or
 * the first of several that gives something.
 */
public sealed interface ValueRef {

  /**
   * The value for one object, empty when there is none.
   *
   * @throws ExpressionFailure when an expression fails on this object
   */
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

  record Expression(CelExpression cel) implements ValueRef {
    @Override
    public Optional<Object> resolve(Object root, Object element) {
      return cel.evaluate(root, element);
    }

    @Override
    public String toString() {
      return cel.toString();
    }
  }

  /** Fallbacks: the first choice that gives a value wins. */
  record FirstOf(List<ValueRef> choices) implements ValueRef {
    public FirstOf {
      choices = List.copyOf(choices);
    }

    @Override
    public Optional<Object> resolve(Object root, Object element) {
      for (int i = 0; i < choices.size(); i++) {
        Optional<Object> value = choices.get(i).resolve(root, element);
        if (value.isPresent()) {
          return value;
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return choices.toString();
    }
  }
}
