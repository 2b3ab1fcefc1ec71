package io.crexporter.mapping.ksm;

import io.crexporter.mapping.LabelNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kube-state-metrics {@code labelsFromPath} block. A name starting or ending with {@code *}
 * copies every entry of the map its path reads (the text before a trailing {@code *} prefixes the
 * keys); those are applied first, in sorted order of their names, so that named labels override
 * them. A label whose path does not resolve is left out.
 */
public record KsmLabels(Map<String, KsmPath> paths) {

  public KsmLabels {
    paths = java.util.Collections.unmodifiableMap(new TreeMap<>(paths));
  }

  public static final KsmLabels NONE = new KsmLabels(Map.of());

  public boolean isEmpty() {
    return paths.isEmpty();
  }

  /** Labels of {@code other} replace those of this block with the same name. */
  public KsmLabels overriddenBy(KsmLabels other) {
    Map<String, KsmPath> merged = new TreeMap<>(paths);
    merged.putAll(other.paths);
    return new KsmLabels(merged);
  }

  static boolean copiesMap(String name) {
    return name.startsWith("*") || name.endsWith("*");
  }

  /** Adds the labels read from {@code value}, replacing labels already in {@code out}. */
  public void addTo(Object value, Map<String, String> out) {
    List<String> named = new ArrayList<>();
    for (Map.Entry<String, KsmPath> entry : paths.entrySet()) {
      String name = entry.getKey();
      if (!copiesMap(name)) {
        named.add(name);
        continue;
      }
      if (entry.getValue().get(value) instanceof Map<?, ?> map) {
        String prefix = name.endsWith("*") ? name.substring(0, name.length() - 1) : "";
        map.forEach((key, item) -> put(out, prefix + key, GoText.of(item)));
      }
    }
    for (String name : named) {
      Object item = paths.get(name).get(value);
      if (item != null) {
        put(out, name, GoText.of(item));
      }
    }
  }

  /** Names Prometheus would refuse (empty, or reserved {@code __}) are left out. */
  private static void put(Map<String, String> out, String name, String value) {
    String label = LabelNames.sanitize(name);
    if (LabelNames.usable(label)) {
      out.put(label, value);
    }
  }
}
