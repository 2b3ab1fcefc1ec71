package io.crexporter.mapping.ksm;

import io.crexporter.mapping.Quantities;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * kube-state-metrics' conversion of a field to a sample value, in its order: booleans and condition
 * statuses ({@code Unknown} is 0), RFC 3339 timestamps (whole seconds), Kubernetes quantities,
 * whole percentages, then any Go float literal.
 */
public final class KsmValues {

  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
  private static final Pattern GO_FLOAT =
      Pattern.compile(
          "[+-]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|inf|infinity|nan)",
          Pattern.CASE_INSENSITIVE);

  private KsmValues() {}

  /** Thrown with kube-state-metrics' wording when a value is not a number. */
  static final class NotANumber extends Exception {
    NotANumber(String message) {
      super(message, null, false, false);
    }
  }

  static double toFloat(Object value, boolean nilIsZero) throws NotANumber {
    if (value == null) {
      if (nilIsZero) {
        return 0;
      }
      throw new NotANumber("expected number but found nil value");
    }
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof String text) {
      return fromString(text);
    }
    throw new NotANumber("expected number but was " + GoText.of(value));
  }

  /**
   * The number a string stands for, or empty: what a {@code [key=value]} lookup compares, and
   * {@code valueType: ksm} reads.
   */
  public static OptionalDouble parse(String text) {
    try {
      return OptionalDouble.of(fromString(text));
    } catch (NotANumber e) {
      return OptionalDouble.empty();
    }
  }

  private static double fromString(String text) throws NotANumber {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes":
        return 1;
      case "false", "no", "unknown":
        return 0;
      default:
        break;
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
    } catch (DateTimeParseException e) {
      // not a timestamp; try the next form
    }
    if (text.equals(text.trim())) {
      OptionalDouble quantity = Quantities.parse(text);
      if (quantity.isPresent()) {
        return quantity.getAsDouble();
      }
    }
    if (PERCENT.matcher(text).matches()) {
      return Double.parseDouble(text.substring(0, text.length() - 1)) / 100;
    }
    if (GO_FLOAT.matcher(text).matches()) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.endsWith("inf") || lower.endsWith("infinity")) {
        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return lower.endsWith("nan") ? Double.NaN : Double.parseDouble(text);
    }
    throw new NotANumber("strconv.ParseFloat: parsing " + quoted(text) + ": invalid syntax");
  }

  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
