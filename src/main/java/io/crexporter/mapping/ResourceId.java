package io.crexporter.mapping;

import java.util.Locale;

/** The Kubernetes resource a mapping reads: group (empty for the core group), version, kind. */
public record ResourceId(String group, String version, String kind, String plural) {

  /** The plural Kubernetes would derive for a kind when the mapping does not name one. */
  public static String defaultPlural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s")
        || lower.endsWith("x")
        || lower.endsWith("ch")
        || lower.endsWith("sh")) {
      return lower + "es";
    }
    if (lower.endsWith("y")
        && lower.length() > 1
        && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Identity for matching objects: apiVersion and kind. */
  public String typeKey() {
    return typeKey(apiVersion(), kind);
  }

  public static String typeKey(String apiVersion, String kind) {
    return apiVersion + "|" + kind;
  }

  @Override
  public String toString() {
    return (group.isEmpty() ? "" : plural + "." + group) + "/" + version + " " + kind;
  }
}
