package io.crexporter.exposition;

import io.crexporter.mapping.MetricFamily;
import java.nio.charset.StandardCharsets;

/**
 * The HELP and TYPE lines of a mapped metric as client_java writes them for a gauge: in the text
 * format HELP first, escaping backslash and newline; in OpenMetrics TYPE first, escaping double
 * quotes too. No HELP line when the help text is empty.
 */
final class FamilyHeaders {

  private FamilyHeaders() {}

  static byte[] of(MetricFamily family, ExpositionFormat format) {
    String name = family.name();
    String help = family.help();
    StringBuilder header = new StringBuilder(64 + help.length());
    String type = "# TYPE " + name + " gauge\n";
    if (format == ExpositionFormat.OPENMETRICS) {
      header.append(type);
    }
    if (!help.isEmpty()) {
      header.append("# HELP ").append(name).append(' ');
      escape(header, help, format == ExpositionFormat.OPENMETRICS);
      header.append('\n');
    }
    if (format == ExpositionFormat.TEXT) {
      header.append(type);
    }
    return header.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void escape(StringBuilder out, String help, boolean quotes) {
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(quotes ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }
}
