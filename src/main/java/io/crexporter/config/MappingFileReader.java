package io.crexporter.config;

import io.crexporter.mapping.CelExpression;
import io.crexporter.mapping.EachLevel;
import io.crexporter.mapping.LabelSource;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricMapping;
import io.crexporter.mapping.MetricRule;
import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Selection;
import io.crexporter.mapping.StateSetSpec;
import io.crexporter.mapping.ValueMap;
import io.crexporter.mapping.ValueRef;
import io.crexporter.mapping.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads this project's mapping format (a top-level {@code resources} list) into compiled form. */
final class MappingFileReader {

  private static final Set<String> RESOURCE_KEYS =
      Set.of(
          "group",
          "version",
          "kind",
          "plural",
          "namespaces",
          "labelSelector",
          "fieldSelector",
          "namespaceSelector",
          "metricPrefix",
          "labels",
          "metrics");
  private static final Set<String> COMMON_METRIC_KEYS =
      Set.of("name", "help", "type", "each", KeyLabelReader.KEY, "labels", "maxSeries");
  private static final Set<String> GAUGE_KEYS =
      Set.of("value", "valueType", "nilIsZero", ValueMapReader.KEY);
  private static final Set<String> STATESET_KEYS = Set.of("state", "states", "stateLabel");

  private final List<ResourceMapping> resources = new ArrayList<>();
  private final List<FamilyDefinition> families = new ArrayList<>();
  private final List<SourceLocation> locations = new ArrayList<>();

  /** Reads a document whose top-level mapping has a {@code resources} key. */
  static MappingDocument read(ConfigNode root) {
    MappingFileReader reader = new MappingFileReader();
    Map<String, ConfigNode> top = root.entries();
    root.allowOnly(top, Set.of("resources"));
    for (ConfigNode resource : top.get("resources").items()) {
      reader.readResource(resource);
    }
    return new MappingDocument(reader.resources, reader.locations, reader.families);
  }

  private void readResource(ConfigNode node) {
    Map<String, ConfigNode> keys = node.entries();
    node.allowOnly(keys, RESOURCE_KEYS);
    String group = ConfigValues.optionalText(keys.get("group")).orElse("");
    String version = ConfigValues.optionalText(keys.get("version")).orElse("");
    Optional<String> kind = ConfigValues.requiredText(node, keys, "kind");
    String plural = ConfigValues.optionalText(keys.get("plural")).orElse("");
    Selection selection = ConfigValues.readSelection(keys);
    String prefix = ConfigValues.optionalText(keys.get("metricPrefix")).orElse("");
    List<LabelSource> labels = LabelsReader.read(keys.get("labels"));
    List<MetricRule> metrics = new ArrayList<>();
    ConfigNode metricList = keys.get("metrics");
    if (metricList == null) {
      node.problem("missing 'metrics': a resource needs at least one metric");
    } else {
      List<ConfigNode> items = metricList.items();
      if (items.isEmpty() && metricList.isSequence()) {
        metricList.problem("a resource needs at least one metric");
      }
      for (ConfigNode metric : items) {
        readMetric(metric, prefix, labels).ifPresent(metrics::add);
      }
    }
    if (kind.isPresent() && ResourceId.ANY_KIND.equals(kind.get())) {
      anyKindProblem(keys, group, plural);
    }
    if (kind.isPresent()) {
      ResourceId id = new ResourceId(group, version, kind.get(), plural);
      ResourceMapping mapping =
          new ResourceMapping(id, selection, labels, metrics, node.location().toString());
      resources.add(mapping);
      locations.add(node.location());
    }
  }

  /** Every kind of a group is found among its CRDs: each has its own plural, and a group. */
  private static void anyKindProblem(Map<String, ConfigNode> keys, String group, String plural) {
    if (!plural.isEmpty()) {
      keys.get("plural")
          .problem(
              "kind \"*\" reads every kind of the group, each with its own plural; remove 'plural'");
    }
    if (group.isEmpty()) {
      keys.get("kind")
          .problem(
              "kind \"*\" reads every custom resource kind of a group; the core group has none:"
                  + " name a 'group'");
    }
  }

  /**
   * @param resourceLabels the labels of every metric of the resource
   */
  private Optional<MetricMapping> readMetric(
      ConfigNode node, String prefix, List<LabelSource> resourceLabels) {
    Map<String, ConfigNode> keys = node.entries();
    Optional<String> name = ConfigValues.requiredText(node, keys, "name");
    String help = ConfigValues.optionalText(keys.get("help")).orElse("");
    Optional<MetricType> type =
        ConfigValues.requiredText(node, keys, "type")
            .flatMap(t -> ConfigValues.metricType(keys.get("type"), t));
    List<LabelSource> labels = LabelsReader.read(keys.get("labels"));
    Optional<String> keyLabel = KeyLabelReader.read(node, keys);
    Optional<List<EachLevel>> each =
        keys.containsKey("each")
            ? EachReader.read(keys.get("each"), keyLabel, keys)
            : Optional.of(List.of());
    if (type.isEmpty() || name.isEmpty() || each.isEmpty()) {
      return Optional.empty();
    }
    Optional<FamilyDefinition> definition =
        FamilyDefinition.named(node, keys.get("name"), prefix, name.get(), help, type.get());
    if (definition.isEmpty()) {
      return Optional.empty();
    }
    node.allowOnly(keys, allowedKeys(type.get()));
    families.add(definition.get());
    MetricFamily family = definition.get().family();
    ValueRef value = new ValueRef.Constant(1.0);
    ValueType valueType = ValueType.AUTO;
    boolean nilIsZero = false;
    Optional<ValueMap> valueMap = Optional.empty();
    StateSetSpec stateSet = null;
    if (type.get() == MetricType.GAUGE) {
      Optional<ValueRef> gaugeValue = ConfigValues.readValue(node, keys.get("value"));
      if (gaugeValue.isEmpty()) {
        return Optional.empty();
      }
      value = gaugeValue.get();
      valueType =
          Optional.ofNullable(keys.get("valueType"))
              .flatMap(ConfigValues::valueType)
              .orElse(ValueType.AUTO);
      nilIsZero =
          Optional.ofNullable(keys.get("nilIsZero")).flatMap(ConfigNode::bool).orElse(false);
      if (keys.containsKey(ValueMapReader.KEY)) {
        valueMap = ValueMapReader.read(keys);
        if (valueMap.isEmpty()) {
          return Optional.empty();
        }
      }
    } else if (type.get() == MetricType.STATESET) {
      List<LabelSource> allLabels = new ArrayList<>(labels);
      each.get().forEach(level -> allLabels.addAll(level.labels()));
      stateSet = readStateSet(node, keys, allLabels, resourceLabels, each.get()).orElse(null);
      if (stateSet == null) {
        return Optional.empty();
      }
    }
    int maxSeries =
        Optional.ofNullable(keys.get("maxSeries")).map(MappingFileReader::positive).orElse(0);
    return Optional.of(
        new MetricMapping(
            family,
            each.get(),
            labels,
            value,
            valueType,
            nilIsZero,
            valueMap,
            stateSet,
            maxSeries));
  }

  private Optional<StateSetSpec> readStateSet(
      ConfigNode node,
      Map<String, ConfigNode> keys,
      List<LabelSource> labels,
      List<LabelSource> resourceLabels,
      List<EachLevel> each) {
    Optional<ValueRef> current;
    if (keys.containsKey("state")) {
      current =
          SourceReader.read(
              keys.get("state"), SourceReader.Constants.NONE, CelExpression.Use.SCALAR);
    } else {
      node.problem("missing 'state'");
      current = Optional.empty();
    }
    List<String> states = new ArrayList<>();
    ConfigNode stateList = keys.get("states");
    if (stateList == null) {
      node.problem("missing 'states': a stateset lists its possible states");
    } else {
      for (ConfigNode state : stateList.items()) {
        state.text().ifPresent(states::add);
      }
      if (states.isEmpty() && stateList.isSequence()) {
        stateList.problem("a stateset needs at least one state");
      }
    }
    String label = ConfigValues.optionalText(keys.get("stateLabel")).orElse("state");
    ConfigNode labelNode = keys.getOrDefault("stateLabel", node);
    String labelProblem = PrometheusNames.labelNameProblem(label);
    if (labelProblem != null) {
      labelNode.problem(labelProblem);
      return Optional.empty();
    }
    if (labels.stream().anyMatch(source -> source.names().contains(label))) {
      labelNode.problem(
          "the state label '"
              + label
              + "' is also a metric label; set 'stateLabel' to another name");
      return Optional.empty();
    }
    if (resourceLabels.stream().anyMatch(source -> source.names().contains(label))) {
      labelNode.problem(
          "the state label '"
              + label
              + "' is also a label of the resource; set 'stateLabel' to another name");
      return Optional.empty();
    }
    if (each.stream().anyMatch(level -> level.keyLabel().filter(label::equals).isPresent())) {
      keys.getOrDefault(KeyLabelReader.KEY, labelNode)
          .problem(
              "the key label '"
                  + label
                  + "' is also the state label; give 'keyLabel' or 'stateLabel' another name");
      return Optional.empty();
    }
    return current.isPresent() && !states.isEmpty()
        ? Optional.of(new StateSetSpec(current.get(), states, label))
        : Optional.empty();
  }

  /** A whole number above 0; 0 (with a problem recorded) otherwise. */
  private static int positive(ConfigNode node) {
    String text = node.text().orElse("");
    try {
      int value = Integer.parseInt(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    node.problem("expected a whole number above 0, found '" + text + "'");
    return 0;
  }

  private static Set<String> allowedKeys(MetricType type) {
    Set<String> allowed = new java.util.HashSet<>(COMMON_METRIC_KEYS);
    if (type == MetricType.GAUGE) {
      allowed.addAll(GAUGE_KEYS);
    } else if (type == MetricType.STATESET) {
      allowed.addAll(STATESET_KEYS);
    }
    return allowed;
  }
}
