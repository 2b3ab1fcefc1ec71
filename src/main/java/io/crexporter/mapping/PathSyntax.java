package io.crexporter.mapping;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.internal.function.PathFunctionFactory;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What Jayway's compiler lets through and fails on only when evaluated, or reads as another path: a
 * bracket left open ({@code $.kind[} compiles as {@code $.kind}) and a function it does not have
 * ({@code $.x.foo()} fails at every object). Checked when a mapping loads.
 */
final class PathSyntax {

  private PathSyntax() {}

  /**
   * @throws IllegalArgumentException with a message for the user
   */
  static void check(String expression) {
    Deque<Character> open = new ArrayDeque<>();
    char quote = 0;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '\'', '"' -> quote = c;
        case '[', '(' -> open.push(c);
        case ']', ')' -> {
          char expected = c == ']' ? '[' : '(';
          if (open.isEmpty() || open.pop() != expected) {
            throw new IllegalArgumentException("'" + c + "' at position " + i + " closes nothing");
          }
          if (c == ')') {
            checkFunction(expression, i);
          }
        }
        default -> {}
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("a quoted name or value is not closed");
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("'" + open.peek() + "' is not closed");
    }
  }

  /** {@code name()} just before {@code close}: the name must be one of Jayway's functions. */
  private static void checkFunction(String expression, int close) {
    int paren = matchingOpen(expression, close);
    int start = paren;
    while (start > 0 && Character.isJavaIdentifierPart(expression.charAt(start - 1))) {
      start--;
    }
    if (start == paren || start == 0 || expression.charAt(start - 1) != '.') {
      // a filter "[?(...)]" or grouping, not a call
      return;
    }
    String name = expression.substring(start, paren);
    try {
      PathFunctionFactory.newFunction(name);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "there is no function "
              + name
              + "(); JSONPath has length(), size(), min(), max(),"
              + " avg(), stddev(), sum(), concat(), append(), keys(), first(), last(), index()");
    }
  }

  private static int matchingOpen(String expression, int close) {
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      char c = expression.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(' && --depth == 0) {
        return i;
      }
    }
    return 0;
  }
}
