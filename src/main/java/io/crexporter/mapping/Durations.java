package io.crexporter.mapping;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as Kubernetes objects write them ({@code 1h30m}, {@code 90s}, {@code 5m0s}).
 */
final class Durations {

  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s|m|h)");

  private static final Map<String, Double> SECONDS_PER_UNIT =
      Map.of("ns", 1e-9, "us", 1e-6, "\u00b5s", 1e-6, "ms", 1e-3, "s", 1.0, "m", 60.0, "h", 3600.0);

  private Durations() {}

  static OptionalDouble parse(String text) {
    String body = text.trim();
    double sign = 1;
    if (body.startsWith("-") || body.startsWith("+")) {
      sign = body.startsWith("-") ? -1 : 1;
      body = body.substring(1);
    }
    if (body.equals("0")) {
      return OptionalDouble.of(0);
    }
    if (body.isEmpty()) {
      return OptionalDouble.empty();
    }
    Matcher matcher = PART.matcher(body);
    double seconds = 0;
    int position = 0;
    while (position < body.length()) {
      if (!matcher.find(position) || matcher.start() != position) {
        return OptionalDouble.empty();
      }
      seconds += Double.parseDouble(matcher.group(1)) * SECONDS_PER_UNIT.get(matcher.group(2));
      position = matcher.end();
    }
    return OptionalDouble.of(sign * seconds);
  }
}
