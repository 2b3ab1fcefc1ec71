package io.crexporter.mapping;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSONPath compiled once. Paths starting with {@code $} read from the object root; paths starting
 * with {@code @} read from the current {@code each} element (or the root when there is none).
 */
public final class ObjectPath {

  /**
   * Objects are plain Java maps and lists. Missing paths yield an empty list instead of throwing,
   * which keeps evaluation total.
   */
  private static final Configuration CONFIGURATION =
      configuration(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS);

  /**
   * A path ending in a function ({@code length()}, {@code sum()}, {@code keys()}...) yields one
   * value; Jayway refuses functions when asked for lists, so those paths read it as it is.
   */
  private static final Configuration FUNCTION_CONFIGURATION =
      configuration(Option.SUPPRESS_EXCEPTIONS);

  private static final java.util.regex.Pattern ENDS_WITH_FUNCTION =
      java.util.regex.Pattern.compile(".*\\.\\s*[a-zA-Z]+\\([^()]*\\)\\s*$");

  private final String expression;
  private final boolean relative;
  private final JsonPath compiled;
  private final boolean function;
  private final DirectPath direct;

  private ObjectPath(String expression, boolean relative, JsonPath compiled) {
    this.expression = expression;
    this.relative = relative;
    this.compiled = compiled;
    this.function = ENDS_WITH_FUNCTION.matcher(expression).matches();
    this.direct = function ? null : DirectPath.of(compiled.getPath(), compiled.isDefinite());
  }

  /** True when the path is read by walking the object rather than by Jayway. */
  boolean isDirect() {
    return direct != null;
  }

  private static Configuration configuration(Option... options) {
    return Configuration.builder()
        .jsonProvider(new JsonSmartJsonProvider())
        .mappingProvider(new JsonSmartMappingProvider())
        .options(options)
        .build();
  }

  /**
   * Compiles a path expression.
   *
   * @throws IllegalArgumentException with a message fit for the user when the expression is not a
   *     valid JSONPath or does not start with {@code $} or {@code @}
   */
  public static ObjectPath compile(String expression) {
    String trimmed = expression.trim();
    boolean relative = trimmed.startsWith("@");
    if (!relative && !trimmed.startsWith("$")) {
      throw new IllegalArgumentException(
          "a path must start with '$' (object root) or '@' (current element): " + expression);
    }
    // Jayway evaluates '@' paths only inside filters; a relative path is the same path read from
    // the element, so it is compiled as a root path.
    String rooted = relative ? "$" + trimmed.substring(1) : trimmed;
    JsonPath compiled;
    try {
      compiled = JsonPath.compile(rooted);
      // what Jayway accepts but reads otherwise, or fails on at every object
      PathSyntax.check(rooted);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid JSONPath '" + expression + "': " + e.getMessage(), e);
    } catch (InvalidPathException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "invalid JSONPath '" + expression + "': " + firstLine(e.getMessage()), e);
    }
    try {
      return new ObjectPath(expression, relative, compiled);
    } catch (InvalidPathException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "invalid JSONPath '" + expression + "': " + firstLine(e.getMessage()), e);
    }
  }

  public static boolean looksLikePath(String text) {
    String trimmed = text.trim();
    return trimmed.startsWith("$") || trimmed.startsWith("@");
  }

  public String expression() {
    return expression;
  }

  public boolean isRelative() {
    return relative;
  }

  /** True when the path selects at most one node (no wildcard, filter, slice or deep scan). */
  public boolean isDefinite() {
    return compiled.isDefinite();
  }

  /** Every non-null node the path selects, in document order. */
  public List<Object> readAll(Object root, Object element) {
    Object document = relative ? Nested.valueOf(element) : root;
    if (direct != null) {
      return direct.readAll(document);
    }
    return readWithJayway(document);
  }

  /** What Jayway selects: every path is read this way when the direct form is not possible. */
  List<Object> readWithJayway(Object document) {
    List<?> found;
    try {
      if (function) {
        Object value = compiled.read((Object) document, FUNCTION_CONFIGURATION);
        return value == null ? List.of() : List.of(value);
      }
      found = compiled.read((Object) document, CONFIGURATION);
    } catch (RuntimeException e) {
      // SUPPRESS_EXCEPTIONS covers path errors; this guards provider surprises on odd input.
      return List.of();
    }
    if (found == null) {
      return List.of();
    }
    List<Object> values = new ArrayList<>(found.size());
    for (Object value : found) {
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /** The first non-null node the path selects: several matches of a filter yield the first. */
  public Optional<Object> readFirst(Object root, Object element) {
    if (direct != null && !direct.selectsEvery()) {
      return Optional.ofNullable(direct.read(relative ? Nested.valueOf(element) : root));
    }
    List<Object> values = readAll(root, element);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The elements to iterate for {@code each}: the nodes selected by an indefinite path, or the
   * items of the list a definite path points at (so {@code $.status.conditions} and {@code
   * $.status.conditions[*]} are the same), or the keys of a map for {@code keys()}.
   */
  public List<Object> readElements(Object root, Object element) {
    return elementsOf(readAll(root, element));
  }

  /** The elements to iterate among {@code values}, which this path selected with readAll. */
  List<Object> elementsOf(List<Object> values) {
    // a list, or the set of keys() of a map
    if ((isDefinite() || function)
        && values.size() == 1
        && values.get(0) instanceof java.util.Collection<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      for (Object item : list) {
        if (item != null) {
          items.add(item);
        }
      }
      return items;
    }
    return values;
  }

  @Override
  public String toString() {
    return expression;
  }

  /** Paths are equal when written the same: they then select the same nodes. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectPath path && path.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
