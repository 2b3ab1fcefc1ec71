package io.crexporter.bench;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Counts the samples in a text exposition body, without decoding it into one large string. */
final class SampleLines {

  /**
   * @param all every sample line
   * @param mapped sample lines of the configured metric families, excluding the exporter's own and
   *     JVM metrics
   */
  record Count(long all, long mapped) {}

  private SampleLines() {}

  static Count count(byte[] body, Set<String> mappedNames) {
    long all = 0;
    long mapped = 0;
    int lineStart = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i < body.length && body[i] != '\n') {
        continue;
      }
      if (i > lineStart && body[lineStart] != '#') {
        all++;
        if (mappedNames.contains(metricName(body, lineStart, i))) {
          mapped++;
        }
      }
      lineStart = i + 1;
    }
    return new Count(all, mapped);
  }

  private static String metricName(byte[] body, int start, int end) {
    int i = start;
    while (i < end && body[i] != '{' && body[i] != ' ') {
      i++;
    }
    return new String(body, start, i - start, StandardCharsets.US_ASCII);
  }
}
