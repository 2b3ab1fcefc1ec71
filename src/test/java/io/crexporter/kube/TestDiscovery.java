package io.crexporter.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Discovery results written out for tests: the kinds given, grouped by group in their order. */
final class TestDiscovery {

  private TestDiscovery() {}

  static ApiDiscovery.Snapshot of(ApiDiscovery.ServedKind... kinds) {
    Map<String, List<ApiDiscovery.ServedKind>> byGroup = new LinkedHashMap<>();
    for (ApiDiscovery.ServedKind kind : kinds) {
      byGroup.computeIfAbsent(kind.group(), group -> new ArrayList<>()).add(kind);
    }
    return new ApiDiscovery.Snapshot(Map.of(), byGroup, Map.of(), Set.copyOf(byGroup.keySet()), 1);
  }
}
