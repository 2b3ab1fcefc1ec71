package io.crexporter.mapping.ksm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values written the way kube-state-metrics writes them, which is Go's {@code fmt} {@code %v}:
 * label values copied from objects must be spelled the same for series to keep their identity when
 * users switch exporters.
 */
public final class GoText {

  private GoText() {}

  /** Go's {@code %v} of a decoded JSON value. */
  public static String of(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Double || value instanceof Float) {
      return formatFloat(((Number) value).doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      // fmt prints maps with their keys sorted
      StringBuilder text = new StringBuilder("map[");
      new TreeMap<>(StringKeys.of(map))
          .forEach(
              (key, item) ->
                  text.append(text.length() > 4 ? " " : "")
                      .append(key)
                      .append(':')
                      .append(of(item)));
      return text.append(']').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder text = new StringBuilder("[");
      for (Object item : list) {
        text.append(text.length() > 1 ? " " : "").append(of(item));
      }
      return text.append(']').toString();
    }
    return value.toString();
  }

  /**
   * Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}: the shortest digits that read back as the
   * same number, in exponent form when the decimal exponent is below -4 or at least 6.
   */
  public static String formatFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    BigDecimal shortest = shortest(value);
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String power = String.format("%02d", Math.abs(exponent));
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + power;
    }
    return sign + shortest.abs().toPlainString();
  }

  /**
   * The Go type name kube-state-metrics prints in its messages. Objects decoded by Go hold whole
   * numbers as int64 and others as float64.
   */
  public static String typeName(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Double || value instanceof Float) {
      return "float64";
    }
    if (value instanceof Number) {
      return "int64";
    }
    if (value instanceof Map) {
      return "map[string]interface {}";
    }
    if (value instanceof List) {
      return "[]interface {}";
    }
    return value.getClass().getSimpleName();
  }

  /** The fewest significant digits that parse back to exactly {@code value}, trailing zeros cut. */
  private static BigDecimal shortest(double value) {
    for (int precision = 1; precision < 17; precision++) {
      String candidate = String.format(java.util.Locale.ROOT, "%." + (precision - 1) + "e", value);
      if (Double.parseDouble(candidate) == value) {
        return new BigDecimal(candidate).stripTrailingZeros();
      }
    }
    return new BigDecimal(String.format(java.util.Locale.ROOT, "%.16e", value))
        .stripTrailingZeros();
  }
}
