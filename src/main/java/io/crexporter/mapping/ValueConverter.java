package io.crexporter.mapping;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Turns a raw value read from an object into a sample value. A JSON number is always taken as it
 * is; strings are parsed according to the value type. {@code auto} tries, in this order: number,
 * boolean, RFC 3339 timestamp, percentage, duration, quantity. So {@code 5m} is 300 (a duration)
 * under {@code auto}; use {@code quantity} for CPU amounts such as {@code 250m}.
 */
public final class ValueConverter {

  /** The form of a number in a string; {@link #isDecimal} decides it without the regex. */
  static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private ValueConverter() {}

  /** Whether a value counts as there for the value type {@code present}. */
  static boolean isPresent(Object raw) {
    if (raw instanceof String text) {
      return !text.isEmpty();
    }
    if (raw instanceof java.util.Collection<?> items) {
      return !items.isEmpty();
    }
    if (raw instanceof java.util.Map<?, ?> map) {
      return !map.isEmpty();
    }
    return raw != null;
  }

  /** The sample value, or empty when the raw value cannot be read as the given type. */
  public static OptionalDouble convert(Object raw, ValueType type) {
    if (raw instanceof Number number) {
      return OptionalDouble.of(number.doubleValue());
    }
    if (raw instanceof Boolean bool) {
      return type == ValueType.AUTO || type == ValueType.BOOL || type == ValueType.KSM
          ? OptionalDouble.of(bool ? 1 : 0)
          : OptionalDouble.empty();
    }
    if (!(raw instanceof String text)) {
      return OptionalDouble.empty();
    }
    return switch (type) {
      case NUMBER -> number(text);
      case BOOL -> bool(text);
      case TIMESTAMP -> timestamp(text);
      case DURATION -> Durations.parse(text);
      case QUANTITY -> Quantities.parse(text);
      case PERCENT -> percent(text);
      case PRESENT -> OptionalDouble.of(text.isEmpty() ? 0 : 1);
      case AUTO -> auto(text);
      case KSM -> KsmStrings.parse(text);
    };
  }

  private static OptionalDouble auto(String text) {
    OptionalDouble value = number(text);
    if (value.isEmpty()) {
      value = bool(text);
    }
    if (value.isEmpty()) {
      value = timestamp(text);
    }
    if (value.isEmpty()) {
      value = percent(text);
    }
    if (value.isEmpty()) {
      value = Durations.parse(text);
    }
    if (value.isEmpty()) {
      value = Quantities.parse(text);
    }
    return value;
  }

  static OptionalDouble number(String text) {
    String trimmed = text.trim();
    return isDecimal(trimmed)
        ? OptionalDouble.of(Double.parseDouble(trimmed))
        : OptionalDouble.empty();
  }

  /**
   * What {@link #DECIMAL} matches, decided without a regex, since every string value is tried as a
   * number first: digits with an optional sign, point and exponent, and none of the other forms
   * {@link Double#parseDouble} reads (hexadecimal, {@code NaN}, a trailing {@code d}).
   */
  static boolean isDecimal(String text) {
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) < 0x80) {
      i++;
      digits++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) < 0x80) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) < 0x80) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** {@code true/yes} are 1, {@code false/no} are 0, a condition's {@code Unknown} is NaN. */
  static OptionalDouble bool(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> OptionalDouble.of(1);
      case "false", "no" -> OptionalDouble.of(0);
      case "unknown" -> OptionalDouble.of(Double.NaN);
      default -> OptionalDouble.empty();
    };
  }

  static OptionalDouble timestamp(String text) {
    String trimmed = text.trim();
    // an ISO timestamp (17 characters at least: 2024-05-01T12:30Z) starts with a four-digit year:
    // anything else is not one, and the parser's exception costs more than the check
    if (trimmed.length() < 17
        || !Character.isDigit(trimmed.charAt(0))
        || trimmed.charAt(4) != '-') {
      return OptionalDouble.empty();
    }
    OptionalDouble utc = Timestamps.utcSeconds(trimmed);
    if (utc.isPresent()) {
      return utc;
    }
    try {
      OffsetDateTime time = OffsetDateTime.parse(trimmed);
      return OptionalDouble.of(time.toEpochSecond() + time.getNano() / 1e9);
    } catch (DateTimeParseException e) {
      return OptionalDouble.empty();
    }
  }

  static OptionalDouble percent(String text) {
    String trimmed = text.trim();
    if (!trimmed.endsWith("%")) {
      return OptionalDouble.empty();
    }
    OptionalDouble value = number(trimmed.substring(0, trimmed.length() - 1));
    return value.isPresent() ? OptionalDouble.of(value.getAsDouble() / 100) : value;
  }
}
