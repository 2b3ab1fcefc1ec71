package io.crexporter.mapping.ksm;

import io.crexporter.mapping.KsmStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A kube-state-metrics path: a list of segments, each a map key, a list index (negative counts from
 * the end), a {@code [key=value]} lookup of the first list item whose field matches (as text, as a
 * number or as a boolean), or a {@code key=value} filter that yields the field only when it equals
 * the value. An empty path is the value itself. Reading never fails: what does not resolve is null.
 */
public final class KsmPath {

  private final List<String> segments;
  private final List<Step> steps;

  private KsmPath(List<String> segments, List<Step> steps) {
    this.segments = List.copyOf(segments);
    this.steps = List.copyOf(steps);
  }

  /**
   * @throws IllegalArgumentException {@code invalid list lookup: [x]} for a bracketed segment
   *     without {@code =}, as kube-state-metrics rejects it
   */
  public static KsmPath compile(List<String> segments) {
    List<Step> steps = new ArrayList<>(segments.size());
    for (String segment : segments) {
      steps.add(step(segment));
    }
    return new KsmPath(segments, steps);
  }

  public List<String> segments() {
    return segments;
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /** This path followed by another, for messages that name the whole way to a value. */
  public KsmPath then(KsmPath next) {
    List<String> joined = new ArrayList<>(segments);
    joined.addAll(next.segments);
    List<Step> allSteps = new ArrayList<>(steps);
    allSteps.addAll(next.steps);
    return new KsmPath(joined, allSteps);
  }

  /** The value at this path, or null. */
  public Object get(Object value) {
    Object current = value;
    for (Step step : steps) {
      if (current == null) {
        return null;
      }
      current = step.apply(current);
    }
    return current;
  }

  private interface Step {
    Object apply(Object value);
  }

  private static Step step(String segment) {
    if (segment.startsWith("[") && segment.endsWith("]") && segment.length() >= 2) {
      String inner = segment.substring(1, segment.length() - 1);
      int equals = inner.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("invalid list lookup: " + segment);
      }
      return new ListLookup(inner.substring(0, equals), inner.substring(equals + 1));
    }
    return value -> field(segment, value);
  }

  private static Object field(String segment, Object value) {
    if (value instanceof Map<?, ?> map) {
      String[] filter = segment.split("=", -1);
      if (filter.length == 2 && filter[1].equals(map.get(filter[0]))) {
        return map.get(filter[0]);
      }
      return map.get(segment);
    }
    if (value instanceof List<?> list) {
      Integer index = index(segment);
      if (index == null) {
        return null;
      }
      int position = index < 0 ? index + list.size() : index;
      return position >= 0 && position < list.size() ? list.get(position) : null;
    }
    return null;
  }

  /** Go's {@code strconv.Atoi}: an optional sign and decimal digits. */
  private static Integer index(String segment) {
    if (!segment.matches("[+-]?\\d{1,9}")) {
      return null;
    }
    return Integer.parseInt(segment.startsWith("+") ? segment.substring(1) : segment);
  }

  /** {@code [key=value]}: the first map item of a list whose field equals the value. */
  private record ListLookup(String key, String text, OptionalDouble number, Boolean bool)
      implements Step {

    ListLookup(String key, String text) {
      this(key, text, KsmStrings.parse(text), goBool(text));
    }

    @Override
    public Object apply(Object value) {
      if (!(value instanceof List<?> list)) {
        return null;
      }
      for (Object item : list) {
        if (item instanceof Map<?, ?> map && map.containsKey(key) && matches(map.get(key))) {
          return map;
        }
      }
      return null;
    }

    private boolean matches(Object candidate) {
      if (text.equals(candidate)) {
        return true;
      }
      if (number.isPresent() && candidate != null) {
        try {
          if (KsmValues.toFloat(candidate, false) == number.getAsDouble()) {
            return true;
          }
        } catch (KsmValues.NotANumber e) {
          // not a number: compare as a boolean next
        }
      }
      return bool != null && bool.equals(candidate);
    }

    /** Go's {@code strconv.ParseBool}, or null when the text is not a boolean. */
    private static Boolean goBool(String text) {
      return switch (text) {
        case "1", "t", "T", "TRUE", "true", "True" -> true;
        case "0", "f", "F", "FALSE", "false", "False" -> false;
        default -> null;
      };
    }
  }

  /** As kube-state-metrics prints a path: {@code [status,conditions]}. */
  @Override
  public String toString() {
    return "[" + String.join(",", segments) + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KsmPath path && path.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }
}
