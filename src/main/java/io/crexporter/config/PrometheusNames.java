package io.crexporter.config;

import java.util.regex.Pattern;

/** The classic Prometheus name rules, which every scraper and query language accepts. */
public final class PrometheusNames {

  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Prefixes of the exporter's own metrics, which mapped metrics may not use. */
  public static final java.util.List<String> RESERVED_PREFIXES =
      java.util.List.of("custom_resource_exporter_", "jvm_", "process_");

  private PrometheusNames() {}

  /** Null when valid, otherwise why not. */
  public static String metricNameProblem(String name) {
    return METRIC.matcher(name).matches()
        ? null
        : "'"
            + name
            + "' is not a valid metric name (letters, digits, '_' and ':', not starting with a digit)";
  }

  /** Null when a mapped metric may use the name, otherwise why not. */
  public static String mappedMetricNameProblem(String name) {
    String problem = metricNameProblem(name);
    if (problem != null) {
      return problem;
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return "'"
            + name
            + "' uses the prefix '"
            + prefix
            + "', reserved for the exporter's own metrics";
      }
    }
    return null;
  }

  /** Null when valid, otherwise why not. */
  public static String labelNameProblem(String name) {
    if (!LABEL.matcher(name).matches()) {
      return "'"
          + name
          + "' is not a valid label name (letters, digits and '_', not starting with a digit)";
    }
    if (name.startsWith("__")) {
      return "label names starting with '__' are reserved by Prometheus: '" + name + "'";
    }
    return null;
  }

  /**
   * Null when {@code prefix} can start label names (as the text before the {@code *} of a label
   * that copies a map), otherwise why not. Empty is a valid prefix.
   */
  public static String labelPrefixProblem(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    if (!LABEL.matcher(prefix).matches() || prefix.startsWith("__")) {
      return "'"
          + prefix
          + "*' copies a map into labels named '"
          + prefix
          + "<key>'; the text before '*' must start a valid label name (letters, digits and '_',"
          + " not starting with a digit or '__')";
    }
    return null;
  }
}
