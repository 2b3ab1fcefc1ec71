package io.crexporter.mapping;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A star label ({@code prefix*}): one label per entry of the map its path selects, named after the
 * entry's key. Keys are data, so the names are sanitized, and those Prometheus would still refuse
 * are left out rather than failing the series.
 */
record MapLabels(String prefix, ValueRef path) implements LabelSource {

  @Override
  public void addTo(Object root, Object element, Map<String, String> labels) {
    Optional<Object> selected = path.resolve(root, element);
    if (selected.isEmpty() || !(selected.get() instanceof Map<?, ?> map)) {
      return;
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Optional<String> key = LabelText.of(entry.getKey());
      Optional<String> value = LabelText.of(entry.getValue());
      if (key.isEmpty() || value.isEmpty()) {
        continue;
      }
      // the prefix and the key are sanitized together, as kube-state-metrics does, so that a
      // converted configuration names its labels alike ("p_1a", not "p__1a")
      String name = LabelNames.sanitize(prefix + key.get());
      if (LabelNames.usable(name)) {
        labels.put(name, value.get());
      }
    }
  }

  /** The names depend on the object: nothing to check them against when the mapping loads. */
  @Override
  public Set<String> names() {
    return Set.of();
  }

  @Override
  public String toString() {
    return prefix + "*: " + path;
  }
}
