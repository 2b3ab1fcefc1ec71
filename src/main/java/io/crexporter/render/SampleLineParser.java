package io.crexporter.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the sample lines {@link SampleLines} writes: name, labels and value. For the few
 * callers that need the series as values rather than bytes (protobuf, which client_java writes).
 */
public final class SampleLineParser {

  /** One sample: label names and values in line order (sorted by name). */
  public record Sample(
      String name, List<String> labelNames, List<String> labelValues, double value) {}

  private SampleLineParser() {}

  /** Every sample of {@code bytes[from, from + length)}, which holds whole lines. */
  public static List<Sample> parse(byte[] bytes, int from, int length) {
    List<Sample> samples = new ArrayList<>();
    String text = new String(bytes, from, length, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      samples.add(parseLine(text, start, end < 0 ? text.length() : end));
      start = end < 0 ? text.length() : end + 1;
    }
    return samples;
  }

  private static Sample parseLine(String text, int start, int end) {
    int i = start;
    while (i < end && text.charAt(i) != '{' && text.charAt(i) != ' ') {
      i++;
    }
    String name = text.substring(start, i);
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    if (i < end && text.charAt(i) == '{') {
      i++;
      while (text.charAt(i) != '}') {
        int equals = text.indexOf('=', i);
        names.add(text.substring(i, equals));
        StringBuilder value = new StringBuilder();
        int j = equals + 2;
        for (char c = text.charAt(j); c != '"'; c = text.charAt(j)) {
          if (c == '\\') {
            char next = text.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        values.add(value.toString());
        i = j + 1;
        if (text.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    return new Sample(name, names, values, value(text.substring(i + 1, end)));
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
