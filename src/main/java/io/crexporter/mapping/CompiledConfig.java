package io.crexporter.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole validated configuration, independent of the file format it came from. Replaced as one
 * value when configuration changes.
 */
public final class CompiledConfig {

  private final List<ResourceMapping> resources;
  private final Map<String, MetricFamily> families;
  private final Map<String, List<ResourceMapping>> byType;
  private final List<String> warnings;

  public CompiledConfig(List<ResourceMapping> resources) {
    this(resources, List.of());
  }

  /**
   * @param warnings what loads but deserves the user's attention, each naming its place
   */
  public CompiledConfig(List<ResourceMapping> resources, List<String> warnings) {
    this.resources = List.copyOf(resources);
    this.warnings = List.copyOf(warnings);
    Map<String, MetricFamily> familiesByName = new LinkedHashMap<>();
    Map<String, List<ResourceMapping>> index = new HashMap<>();
    for (ResourceMapping mapping : this.resources) {
      index.computeIfAbsent(mapping.resource().groupKind(), key -> new ArrayList<>()).add(mapping);
      for (MetricRule metric : mapping.metrics()) {
        familiesByName.putIfAbsent(metric.name(), metric.family());
      }
    }
    index.replaceAll((key, list) -> List.copyOf(list));
    this.families = Map.copyOf(familiesByName);
    this.byType = Map.copyOf(index);
  }

  public List<ResourceMapping> resources() {
    return resources;
  }

  public List<String> warnings() {
    return warnings;
  }

  /** Every metric family, the first definition of a name winning for its help text. */
  public Collection<MetricFamily> families() {
    return families.values();
  }

  /**
   * The mappings that apply to an object: same group and kind, and same version if they name one.
   */
  public List<ResourceMapping> mappingsFor(String apiVersion, String kind) {
    List<ResourceMapping> sameKind =
        byType.getOrDefault(ResourceId.groupKind(ResourceId.groupOf(apiVersion), kind), List.of());
    String version = ResourceId.versionOf(apiVersion);
    return sameKind.stream()
        .filter(m -> !m.resource().hasVersion() || m.resource().version().equals(version))
        .toList();
  }
}
