package io.crexporter.config;

import io.crexporter.mapping.ksm.KsmPath;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** kube-state-metrics path segments written as the JSONPath this exporter's format uses. */
final class KsmJsonPaths {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INDEX = Pattern.compile("[+-]?\\d{1,9}");

  private KsmJsonPaths() {}

  /** From the object root ({@code $}). */
  static String root(KsmPath path) {
    return "$" + steps(path.segments());
  }

  /** From the current {@code each} element ({@code @}). */
  static String relative(KsmPath path) {
    return "@" + steps(path.segments());
  }

  private static String steps(List<String> segments) {
    StringBuilder path = new StringBuilder();
    for (String segment : segments) {
      path.append(step(segment));
    }
    return path.toString();
  }

  private static String step(String segment) {
    if (segment.startsWith("[") && segment.endsWith("]") && segment.contains("=")) {
      String inner = segment.substring(1, segment.length() - 1);
      int equals = inner.indexOf('=');
      return "[?(" + matches(inner.substring(0, equals), inner.substring(equals + 1)) + ")]";
    }
    if (INDEX.matcher(segment).matches()) {
      return "[" + Integer.parseInt(segment.replace("+", "")) + "]";
    }
    String[] filter = segment.split("=", -1);
    if (filter.length == 2) {
      // kube-state-metrics yields the field itself when it equals the value, else the key as
      // written
      return "[?(" + field(filter[0]) + " == " + quote(filter[1]) + ")]" + name(filter[0]);
    }
    return name(segment);
  }

  /** The comparison of a {@code [key=value]} lookup: as text, and as a number or boolean too. */
  private static String matches(String key, String value) {
    String field = field(key);
    StringBuilder test = new StringBuilder(field + " == " + quote(value));
    OptionalDouble number = numberOf(value);
    if (number.isPresent()) {
      test.append(" || ").append(field).append(" == ").append(value);
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      test.append(" || ").append(field).append(" == ").append(value.toLowerCase());
    }
    return test.toString();
  }

  private static OptionalDouble numberOf(String value) {
    return value.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")
        ? OptionalDouble.of(Double.parseDouble(value))
        : OptionalDouble.empty();
  }

  private static String field(String key) {
    return "@" + name(key);
  }

  private static String name(String key) {
    return IDENTIFIER.matcher(key).matches() ? "." + key : "[" + quote(key) + "]";
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
