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

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private ValueConverter() {}

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
    return DECIMAL.matcher(trimmed).matches()
        ? OptionalDouble.of(Double.parseDouble(trimmed))
        : OptionalDouble.empty();
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
    try {
      OffsetDateTime time = OffsetDateTime.parse(text.trim());
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
