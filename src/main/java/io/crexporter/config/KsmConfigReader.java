package io.crexporter.config;

import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricRule;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Selection;
import io.crexporter.mapping.ksm.KsmLabels;
import io.crexporter.mapping.ksm.KsmMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a kube-state-metrics CustomResourceStateMetrics {@code spec} into the same compiled form as
 * this project's format, keeping kube-state-metrics' semantics: default prefix {@code
 * kube_customresource}, resource labels merged under each metric's, and the {@code
 * customresource_group}, {@code customresource_version} and {@code customresource_kind} labels.
 */
final class KsmConfigReader {

  static final String DEFAULT_PREFIX = "kube_customresource";

  private static final Set<String> RESOURCE_KEYS =
      Set.of(
          "groupVersionKind",
          "labelsFromPath",
          "commonLabels",
          "metricNamePrefix",
          "metrics",
          "errorLogV",
          "resourcePlural");
  private static final Set<String> METRIC_KEYS =
      Set.of("name", "help", "each", "commonLabels", "labelsFromPath", "errorLogV");

  private final List<ResourceMapping> resources = new ArrayList<>();
  private final List<FamilyDefinition> families = new ArrayList<>();
  private final List<SourceLocation> locations = new ArrayList<>();

  private KsmConfigReader() {}

  /** Reads the {@code spec} mapping, whose {@code resources} list holds the resources. */
  static MappingDocument readSpec(ConfigNode spec) {
    Map<String, ConfigNode> keys = spec.entries();
    KsmWarnings.unknownKeys(spec, keys, Set.of("resources"));
    ConfigNode list = keys.get("resources");
    if (list == null) {
      spec.problem("missing 'resources': the custom resources to read");
      return new MappingDocument(List.of(), List.of(), List.of());
    }
    return readResources(list);
  }

  static MappingDocument readResources(ConfigNode list) {
    KsmConfigReader reader = new KsmConfigReader();
    for (ConfigNode resource : list.items()) {
      reader.readResource(resource);
    }
    return new MappingDocument(reader.resources, reader.locations, reader.families);
  }

  private record Gvk(String group, String version, String kind) {}

  private void readResource(ConfigNode node) {
    Map<String, ConfigNode> keys = node.entries();
    KsmWarnings.unknownKeys(node, keys, RESOURCE_KEYS);
    Optional<Gvk> gvk = gvk(node, keys.get("groupVersionKind"));
    String prefix = prefix(keys.get("metricNamePrefix"));
    Map<String, String> common = commonLabels(keys.get("commonLabels"));
    Optional<KsmLabels> labels = KsmEachReader.labels(keys.get("labelsFromPath"));
    String plural = text(keys.get("resourcePlural"));
    ConfigNode metricList = keys.get("metrics");
    if (metricList == null || metricList.isNull()) {
      node.warn("no 'metrics': nothing is read from this resource");
    }
    if (gvk.isEmpty() || labels.isEmpty()) {
      return;
    }
    // as kube-state-metrics does: the GVK labels replace resource commonLabels of the same name
    common.put(KsmMetric.GROUP_LABEL, gvk.get().group());
    common.put(KsmMetric.VERSION_LABEL, gvk.get().version());
    common.put(KsmMetric.KIND_LABEL, gvk.get().kind());
    List<MetricRule> metrics = new ArrayList<>();
    if (metricList != null && !metricList.isNull()) {
      for (ConfigNode metric : metricList.items()) {
        readMetric(metric, prefix, common, labels.get()).ifPresent(metrics::add);
      }
    }
    String version = KsmMetric.ANY.equals(gvk.get().version()) ? "" : gvk.get().version();
    ResourceId id = new ResourceId(gvk.get().group(), version, gvk.get().kind(), plural);
    resources.add(
        new ResourceMapping(id, Selection.ALL, List.of(), metrics, node.location().toString()));
    locations.add(node.location());
  }

  private Optional<MetricRule> readMetric(
      ConfigNode node,
      String prefix,
      Map<String, String> resourceCommon,
      KsmLabels resourceLabels) {
    Map<String, ConfigNode> keys = node.entries();
    KsmWarnings.unknownKeys(node, keys, METRIC_KEYS);
    Optional<String> name = ConfigValues.requiredText(node, keys, "name");
    String help = text(keys.get("help"));
    Map<String, String> common = new LinkedHashMap<>(resourceCommon);
    common.putAll(commonLabels(keys.get("commonLabels")));
    Optional<KsmLabels> labels = KsmEachReader.labels(keys.get("labelsFromPath"));
    ConfigNode eachNode = keys.get("each");
    if (eachNode == null) {
      node.problem("missing 'each': what the metric reads");
    }
    Optional<KsmEachReader.Each> each =
        eachNode == null ? Optional.empty() : KsmEachReader.read(eachNode);
    if (name.isEmpty() || labels.isEmpty() || each.isEmpty()) {
      return Optional.empty();
    }
    Optional<FamilyDefinition> definition =
        FamilyDefinition.named(node, keys.get("name"), prefix, name.get(), help, each.get().type());
    if (definition.isEmpty()) {
      return Optional.empty();
    }
    families.add(definition.get());
    MetricFamily family = definition.get().family();
    return Optional.of(
        new KsmMetric(
            family, common, resourceLabels.overriddenBy(labels.get()), each.get().each()));
  }

  private static Optional<Gvk> gvk(ConfigNode resource, ConfigNode node) {
    if (node == null) {
      resource.problem("missing 'groupVersionKind': the group, version and kind to read");
      return Optional.empty();
    }
    Map<String, ConfigNode> keys = node.entries();
    KsmWarnings.unknownKeys(node, keys, Set.of("group", "version", "kind"));
    Optional<String> version = ConfigValues.requiredText(node, keys, "version");
    Optional<String> kind = ConfigValues.requiredText(node, keys, "kind");
    if (version.isEmpty() || kind.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Gvk(text(keys.get("group")), version.get(), kind.get()));
  }

  /** Absent or null means the default prefix; an empty string means none. */
  private static String prefix(ConfigNode node) {
    if (node == null || node.isNull()) {
      return DEFAULT_PREFIX;
    }
    return node.text().orElse(DEFAULT_PREFIX);
  }

  private static Map<String, String> commonLabels(ConfigNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    node.entries()
        .forEach(
            (name, value) -> {
              String problem = PrometheusNames.labelNameProblem(name);
              if (problem != null) {
                value.problem(problem);
              } else {
                value.text().ifPresent(text -> labels.put(name, text));
              }
            });
    return labels;
  }

  private static String text(ConfigNode node) {
    return node == null || node.isNull() ? "" : node.text().orElse("");
  }
}
