package io.crexporter.mapping;

import java.util.regex.Pattern;

/** Label names made from data (map keys), which may hold any character. */
public final class LabelNames {

  private static final Pattern INVALID_LABEL_CHARACTERS = Pattern.compile("[^a-zA-Z0-9_]");

  private LabelNames() {}

  /**
   * kube-state-metrics' label name sanitizing (every character outside {@code [a-zA-Z0-9_]} becomes
   * {@code _}), plus a leading {@code _} before a digit so that the name is always valid.
   */
  public static String sanitize(String name) {
    String sanitized = INVALID_LABEL_CHARACTERS.matcher(name).replaceAll("_");
    return !sanitized.isEmpty() && Character.isDigit(sanitized.charAt(0))
        ? "_" + sanitized
        : sanitized;
  }

  /** False for names Prometheus refuses even once sanitized: empty, or reserved ({@code __}). */
  public static boolean usable(String sanitized) {
    return !sanitized.isEmpty() && !sanitized.startsWith("__");
  }
}
