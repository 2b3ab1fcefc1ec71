package io.crexporter.config;

import io.crexporter.mapping.CelExpression;
import io.crexporter.mapping.ObjectPath;
import io.crexporter.mapping.ValueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads where a value comes from: a path ({@code $...} or {@code @...}), a constant, a CEL
 * expression ({@code {cel: ...}}), or a list of these, of which the first that gives a value wins.
 */
final class SourceReader {

  static final String CEL = "cel";

  /** Which constants a value may be written as. */
  enum Constants {
    /** A number: a gauge's value. */
    NUMBER,
    /** Any text: a label value. */
    TEXT,
    /** None: a path or an expression only. */
    NONE
  }

  private SourceReader() {}

  static Optional<ValueRef> read(ConfigNode node, Constants constants, CelExpression.Use use) {
    if (node.isSequence()) {
      return firstOf(node, constants, use);
    }
    return single(node, constants, use);
  }

  private static Optional<ValueRef> firstOf(
      ConfigNode node, Constants constants, CelExpression.Use use) {
    List<ConfigNode> items = node.items();
    if (items.isEmpty()) {
      node.problem("an empty list of choices; give paths, expressions or constants");
      return Optional.empty();
    }
    List<ValueRef> choices = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < items.size(); i++) {
      ConfigNode item = items.get(i);
      if (item.isSequence()) {
        item.problem("a choice is one path, expression or constant, not a list");
        complete = false;
        continue;
      }
      Optional<ValueRef> choice = single(item, constants, use);
      complete &= choice.isPresent();
      choice.ifPresent(choices::add);
      if (choice.orElse(null) instanceof ValueRef.Constant && i < items.size() - 1) {
        items.get(i + 1).problem("a constant always gives a value: no choice after it is read");
        complete = false;
      }
    }
    return complete ? Optional.of(new ValueRef.FirstOf(choices)) : Optional.empty();
  }

  private static Optional<ValueRef> single(
      ConfigNode node, Constants constants, CelExpression.Use use) {
    if (node.isMapping()) {
      return expression(node, use);
    }
    Optional<String> text = node.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (ObjectPath.looksLikePath(text.get())) {
      try {
        return Optional.of(new ValueRef.PathRef(ObjectPath.compile(text.get())));
      } catch (IllegalArgumentException e) {
        node.problem(e.getMessage());
        return Optional.empty();
      }
    }
    return switch (constants) {
      case TEXT -> Optional.of(new ValueRef.Constant(text.get()));
      case NUMBER -> number(node, text.get());
      case NONE -> {
        node.problem(
            "expected a path starting with '$' (object root) or '@' (current element), or {cel:"
                + " expression}; found '"
                + text.get()
                + "'");
        yield Optional.empty();
      }
    };
  }

  private static Optional<ValueRef> number(ConfigNode node, String text) {
    try {
      return Optional.of(new ValueRef.Constant(Double.parseDouble(text)));
    } catch (NumberFormatException e) {
      node.problem(
          "expected a path starting with '$' or '@', {cel: expression} or a number; found '"
              + text
              + "'");
      return Optional.empty();
    }
  }

  /** {@code {cel: expression}}, compiled and type-checked for its use. */
  static Optional<ValueRef> expression(ConfigNode node, CelExpression.Use use) {
    Map<String, ConfigNode> keys = node.entries();
    node.allowOnly(keys, Set.of(CEL));
    ConfigNode cel = keys.get(CEL);
    if (cel == null) {
      node.problem("expected {cel: expression}");
      return Optional.empty();
    }
    return compile(cel, use);
  }

  /** The expression {@code cel} holds, compiled and type-checked; a problem there if it fails. */
  static Optional<ValueRef> compile(ConfigNode cel, CelExpression.Use use) {
    Optional<String> text = cel.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ValueRef.Expression(CelExpression.compile(text.get(), use)));
    } catch (IllegalArgumentException e) {
      cel.problem(e.getMessage());
      return Optional.empty();
    }
  }
}
