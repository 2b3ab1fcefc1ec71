package io.crexporter.mapping;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * kube-state-metrics' reading of a string as a sample value, in its order: booleans and condition
 * statuses ({@code Unknown} is 0), RFC 3339 timestamps (whole seconds), Kubernetes quantities,
 * whole percentages, then any Go float literal. It is {@code valueType: ksm}, and what the
 * kube-state-metrics format's paths and values read.
 */
public final class KsmStrings {

  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
  private static final Pattern GO_FLOAT =
      Pattern.compile(
          "[+-]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|inf|infinity|nan)",
          Pattern.CASE_INSENSITIVE);

  private KsmStrings() {}

  /** The number the string stands for, or empty when kube-state-metrics would refuse it. */
  public static OptionalDouble parse(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes":
        return OptionalDouble.of(1);
      case "false", "no", "unknown":
        return OptionalDouble.of(0);
      default:
        break;
    }
    try {
      return OptionalDouble.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond());
    } catch (DateTimeParseException e) {
      // not a timestamp; try the next form
    }
    if (text.equals(text.trim())) {
      OptionalDouble quantity = Quantities.parse(text);
      if (quantity.isPresent()) {
        return quantity;
      }
    }
    if (PERCENT.matcher(text).matches()) {
      return OptionalDouble.of(Double.parseDouble(text.substring(0, text.length() - 1)) / 100);
    }
    if (GO_FLOAT.matcher(text).matches()) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.endsWith("inf") || lower.endsWith("infinity")) {
        return OptionalDouble.of(
            lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      }
      return OptionalDouble.of(lower.endsWith("nan") ? Double.NaN : Double.parseDouble(text));
    }
    return OptionalDouble.empty();
  }
}
