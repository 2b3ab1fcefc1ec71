package io.crexporter.mapping.ksm;

import io.crexporter.mapping.KsmStrings;
import java.util.OptionalDouble;

/**
 * kube-state-metrics' conversion of a field to a sample value ({@link KsmStrings} for strings),
 * failing with kube-state-metrics' wording.
 */
final class KsmValues {

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

  private static double fromString(String text) throws NotANumber {
    OptionalDouble value = KsmStrings.parse(text);
    if (value.isEmpty()) {
      throw new NotANumber("strconv.ParseFloat: parsing " + quoted(text) + ": invalid syntax");
    }
    return value.getAsDouble();
  }

  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
