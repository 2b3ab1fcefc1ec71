package io.crexporter.render;

import java.util.Map;

/**
 * One sample of a gauge as the Prometheus text format and OpenMetrics both write it, byte for byte
 * as client_java's writers do: {@code name{label="value",...} value}, labels in the order given
 * (sorted by name), values escaped, numbers as {@link Double#toString} except {@code +Inf} and
 * {@code -Inf}. Names are valid classic Prometheus names, which the configuration guarantees.
 */
public final class SampleLines {

  private static final byte[] ONE = {'1', '.', '0'};
  private static final byte[] ZERO = {'0', '.', '0'};

  private SampleLines() {}

  /** Appends one sample line, its newline included. */
  public static void append(LineBuffer out, String name, Map<String, String> labels, double value) {
    out.appendAscii(name);
    if (!labels.isEmpty()) {
      out.append((byte) '{');
      boolean first = true;
      for (Map.Entry<String, String> label : labels.entrySet()) {
        if (!first) {
          out.append((byte) ',');
        }
        first = false;
        out.appendAscii(label.getKey()).append((byte) '=').append((byte) '"');
        out.appendEscaped(label.getValue()).append((byte) '"');
      }
      out.append((byte) '}');
    }
    out.append((byte) ' ');
    appendValue(out, value);
    out.append((byte) '\n');
  }

  /** A sample value as client_java writes it. */
  public static void appendValue(LineBuffer out, double value) {
    if (value == 1.0 && Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(1.0)) {
      out.append(ONE);
    } else if (Double.doubleToRawLongBits(value) == 0L) {
      // +0.0 only: -0.0 is written "-0.0"
      out.append(ZERO);
    } else if (value == Double.POSITIVE_INFINITY) {
      out.appendAscii("+Inf");
    } else if (value == Double.NEGATIVE_INFINITY) {
      out.appendAscii("-Inf");
    } else {
      out.appendAscii(Double.toString(value));
    }
  }
}
