package io.crexporter.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Keys kube-state-metrics ignores are warned about, so that typos do not go unnoticed. */
final class KsmWarnings {

  private KsmWarnings() {}

  static void unknownKeys(ConfigNode node, Map<String, ConfigNode> keys, Set<String> known) {
    for (Map.Entry<String, ConfigNode> entry : keys.entrySet()) {
      if (!known.contains(entry.getKey())) {
        entry
            .getValue()
            .warn(
                "unknown key '"
                    + entry.getKey()
                    + "' is ignored (as kube-state-metrics ignores it); expected one of "
                    + new TreeSet<>(known));
      }
    }
  }
}
