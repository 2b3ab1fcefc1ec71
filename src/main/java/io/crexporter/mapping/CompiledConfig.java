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
  private final Map<String, List<ResourceMapping>> anyKindByGroup;
  private final List<String> warnings;
  private final Map<String, Integer> seriesLimits;

  /** The answers of {@link #mappingsFor}, by apiVersion and kind, as they are asked for. */
  private final Map<String, Map<String, List<ResourceMapping>>> applying =
      new java.util.concurrent.ConcurrentHashMap<>();

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
    Map<String, Integer> limits = new HashMap<>();
    Map<String, List<ResourceMapping>> index = new HashMap<>();
    Map<String, List<ResourceMapping>> anyKind = new HashMap<>();
    for (ResourceMapping mapping : this.resources) {
      ResourceId id = mapping.resource();
      if (id.isAnyKind()) {
        anyKind.computeIfAbsent(id.group(), key -> new ArrayList<>()).add(mapping);
      } else {
        index.computeIfAbsent(id.groupKind(), key -> new ArrayList<>()).add(mapping);
      }
      for (MetricRule metric : mapping.metrics()) {
        familiesByName.putIfAbsent(metric.name(), metric.family());
        if (metric.maxSeries() > 0) {
          limits.merge(metric.name(), metric.maxSeries(), Math::min);
        }
      }
    }
    this.families = Map.copyOf(familiesByName);
    this.seriesLimits = Map.copyOf(limits);
    this.byType = copyOf(index);
    this.anyKindByGroup = copyOf(anyKind);
  }

  /** Metrics with a limit of their own ({@code maxSeries}), the lowest where several set one. */
  public Map<String, Integer> seriesLimits() {
    return seriesLimits;
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
   * The mappings that apply to an object: those of its group and kind, then those of every kind of
   * its group, each in configuration order; of these, the ones that name no version or its version.
   * Called for every object event, hence the indexes.
   */
  public List<ResourceMapping> mappingsFor(String apiVersion, String kind) {
    Map<String, List<ResourceMapping>> byKind = applying.get(apiVersion);
    List<ResourceMapping> known = byKind == null ? null : byKind.get(kind);
    if (known != null) {
      return known;
    }
    List<ResourceMapping> computed = List.copyOf(computeMappingsFor(apiVersion, kind));
    // bounded by the kinds the API server serves: objects of unmapped kinds are not delivered
    if (applying.size() < 10_000) {
      applying
          .computeIfAbsent(apiVersion, version -> new java.util.concurrent.ConcurrentHashMap<>())
          .putIfAbsent(kind, computed);
    }
    return computed;
  }

  private List<ResourceMapping> computeMappingsFor(String apiVersion, String kind) {
    String group = ResourceId.groupOf(apiVersion);
    String version = ResourceId.versionOf(apiVersion);
    List<ResourceMapping> sameKind =
        byType.getOrDefault(ResourceId.groupKind(group, kind), List.of());
    List<ResourceMapping> anyKind = anyKindByGroup.getOrDefault(group, List.of());
    List<ResourceMapping> applying = new ArrayList<>(sameKind.size() + anyKind.size());
    addAtVersion(sameKind, version, applying);
    addAtVersion(anyKind, version, applying);
    return applying;
  }

  private static void addAtVersion(
      List<ResourceMapping> mappings, String version, List<ResourceMapping> into) {
    for (ResourceMapping mapping : mappings) {
      if (!mapping.resource().hasVersion() || mapping.resource().version().equals(version)) {
        into.add(mapping);
      }
    }
  }

  private static Map<String, List<ResourceMapping>> copyOf(
      Map<String, List<ResourceMapping>> index) {
    index.replaceAll((key, list) -> List.copyOf(list));
    return Map.copyOf(index);
  }
}
