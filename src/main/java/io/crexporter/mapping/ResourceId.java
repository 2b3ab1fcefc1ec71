package io.crexporter.mapping;

import java.util.Locale;

/**
 * The Kubernetes resource a mapping reads: group (empty for the core group), version and plural
 * (empty when they are to be discovered from the CRD), and kind ({@value #ANY_KIND} for every kind
 * of the group).
 */
public record ResourceId(String group, String version, String kind, String plural) {

  /** The kind of a mapping that applies to every kind of its group. */
  public static final String ANY_KIND = "*";

  public boolean hasVersion() {
    return !version.isEmpty();
  }

  /** True for a mapping of every kind of the group, whose kinds are found among the CRDs. */
  public boolean isAnyKind() {
    return ANY_KIND.equals(kind);
  }

  /** The same resource narrowed to one kind, such as a kind a wildcard mapping found. */
  public ResourceId withKind(String concreteKind) {
    return new ResourceId(group, version, concreteKind, plural);
  }

  /** The plural named by the mapping, or else the one Kubernetes would derive from the kind. */
  public String pluralOrDefault() {
    return plural.isEmpty() ? defaultPlural(kind) : plural;
  }

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

  /** Identity of the kind across versions: group and kind. */
  public String groupKind() {
    return groupKind(group, kind);
  }

  public static String groupKind(String group, String kind) {
    return group + "|" + kind;
  }

  /** The group of an apiVersion such as {@code kpack.io/v1alpha2}; empty for {@code v1}. */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The version of an apiVersion such as {@code kpack.io/v1alpha2}. */
  public static String versionOf(String apiVersion) {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  @Override
  public String toString() {
    return kind + (group.isEmpty() ? "" : "." + group) + (version.isEmpty() ? "" : "/" + version);
  }
}
