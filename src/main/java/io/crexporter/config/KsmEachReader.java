package io.crexporter.config;

import io.crexporter.mapping.MetricType;
import io.crexporter.mapping.ksm.KsmEach;
import io.crexporter.mapping.ksm.KsmLabels;
import io.crexporter.mapping.ksm.KsmPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the {@code each} block of a kube-state-metrics metric. Unknown keys are warnings, not
 * errors: kube-state-metrics ignores them, and a file it accepts must load unchanged.
 */
final class KsmEachReader {

  private static final Map<String, MetricType> TYPES =
      Map.of("gauge", MetricType.GAUGE, "info", MetricType.INFO, "stateset", MetricType.STATESET);
  private static final Map<MetricType, String> BLOCKS =
      Map.of(MetricType.GAUGE, "gauge", MetricType.INFO, "info", MetricType.STATESET, "stateSet");
  private static final Set<String> COMMON_KEYS = Set.of("path", "labelsFromPath");

  /** A compiled {@code each} and the type of metric it makes. */
  record Each(MetricType type, KsmEach each) {}

  private KsmEachReader() {}

  static Optional<Each> read(ConfigNode node) {
    Map<String, ConfigNode> keys = node.entries();
    KsmWarnings.unknownKeys(node, keys, Set.of("type", "gauge", "info", "stateSet"));
    Optional<MetricType> type = type(node, keys);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    String blockName = BLOCKS.get(type.get());
    ConfigNode block = keys.get(blockName);
    if (block == null || block.isNull()) {
      node.problem(
          "'type' is "
              + keys.get("type").text().orElse("")
              + " but there is no '"
              + blockName
              + "' block");
      return Optional.empty();
    }
    Map<String, ConfigNode> fields = block.entries();
    Optional<KsmPath> path = path(fields.get("path"));
    Optional<KsmLabels> labels = labels(fields.get("labelsFromPath"));
    Optional<KsmEach> each =
        switch (type.get()) {
          case GAUGE -> gauge(block, fields, path, labels);
          case INFO -> info(block, fields, path, labels);
          default -> stateSet(block, fields, path, labels);
        };
    return each.map(e -> new Each(type.get(), e));
  }

  /**
   * The declared type, case-insensitive. kube-state-metrics drops a metric without one; when
   * exactly one of the blocks is present its type is clear, so it is used, with a warning.
   */
  private static Optional<MetricType> type(ConfigNode node, Map<String, ConfigNode> keys) {
    ConfigNode typeNode = keys.get("type");
    if (typeNode == null) {
      List<MetricType> present = new ArrayList<>();
      BLOCKS.forEach(
          (type, block) -> {
            if (keys.containsKey(block)) {
              present.add(type);
            }
          });
      if (present.size() != 1) {
        node.problem("missing 'type': Gauge, Info or StateSet");
        return Optional.empty();
      }
      node.warn(
          "missing 'type' (kube-state-metrics emits nothing for this metric); the '"
              + BLOCKS.get(present.get(0))
              + "' block makes it a "
              + present.get(0).configName());
      return Optional.of(present.get(0));
    }
    Optional<String> text = typeNode.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    MetricType type = TYPES.get(text.get().toLowerCase(Locale.ROOT));
    if (type == null) {
      typeNode.problem("unknown type '" + text.get() + "'; expected Gauge, Info or StateSet");
    }
    return Optional.ofNullable(type);
  }

  private static Optional<KsmEach> gauge(
      ConfigNode block,
      Map<String, ConfigNode> fields,
      Optional<KsmPath> path,
      Optional<KsmLabels> labels) {
    KsmWarnings.unknownKeys(block, fields, with("valueFrom", "labelFromKey", "nilIsZero"));
    Optional<KsmPath> valueFrom = path(fields.get("valueFrom"));
    Optional<String> labelFromKey = labelName(fields.get("labelFromKey"));
    boolean nilIsZero = flag(fields.get("nilIsZero"));
    if (path.isEmpty() || labels.isEmpty() || valueFrom.isEmpty() || labelFromKey.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new KsmEach.Gauge(
            path.get(), labels.get(), valueFrom.get(), labelFromKey.get(), nilIsZero));
  }

  private static Optional<KsmEach> info(
      ConfigNode block,
      Map<String, ConfigNode> fields,
      Optional<KsmPath> path,
      Optional<KsmLabels> labels) {
    KsmWarnings.unknownKeys(block, fields, with("labelFromKey"));
    Optional<String> labelFromKey = labelName(fields.get("labelFromKey"));
    if (path.isEmpty() || labels.isEmpty() || labelFromKey.isEmpty()) {
      return Optional.empty();
    }
    KsmEach.Info info = new KsmEach.Info(path.get(), labels.get(), labelFromKey.get());
    if (!info.hasOwnLabels()) {
      block.warn(
          "an Info without 'labelsFromPath' or 'labelFromKey' here emits nothing in"
              + " kube-state-metrics; this exporter emits it with the metric's labels");
    }
    return Optional.of(info);
  }

  private static Optional<KsmEach> stateSet(
      ConfigNode block,
      Map<String, ConfigNode> fields,
      Optional<KsmPath> path,
      Optional<KsmLabels> labels) {
    KsmWarnings.unknownKeys(block, fields, with("valueFrom", "list", "labelName"));
    Optional<KsmPath> valueFrom = path(fields.get("valueFrom"));
    List<String> states = new ArrayList<>();
    ConfigNode list = fields.get("list");
    if (list != null && !list.isNull()) {
      list.items().forEach(item -> item.text().ifPresent(states::add));
    }
    if (states.isEmpty()) {
      block.warn("a StateSet without 'list' emits no series (as in kube-state-metrics)");
    }
    ConfigNode labelNameNode = fields.get("labelName");
    Optional<String> labelName =
        labelNameNode == null
            ? Optional.empty()
            : labelName(labelNameNode).filter(name -> !name.isEmpty());
    if (labelNameNode == null) {
      block.problem("missing 'labelName': the label that names each state");
    }
    if (path.isEmpty() || labels.isEmpty() || valueFrom.isEmpty() || labelName.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new KsmEach.StateSet(path.get(), labels.get(), valueFrom.get(), states, labelName.get()));
  }

  private static Set<String> with(String... keys) {
    Set<String> all = new java.util.HashSet<>(COMMON_KEYS);
    all.addAll(List.of(keys));
    return all;
  }

  /** A path: a list of segments; absent or null is the empty path (the value itself). */
  static Optional<KsmPath> path(ConfigNode node) {
    if (node == null || node.isNull()) {
      return Optional.of(KsmPath.compile(List.of()));
    }
    List<String> segments = new ArrayList<>();
    boolean valid = true;
    for (ConfigNode item : node.items()) {
      Optional<String> segment = item.text();
      valid &= segment.isPresent();
      segment.ifPresent(segments::add);
    }
    if (!valid || (!node.isSequence())) {
      return Optional.empty();
    }
    try {
      return Optional.of(KsmPath.compile(segments));
    } catch (IllegalArgumentException e) {
      node.problem(e.getMessage());
      return Optional.empty();
    }
  }

  /** A {@code labelsFromPath} block: label name to path; names are sanitized when applied. */
  static Optional<KsmLabels> labels(ConfigNode node) {
    if (node == null || node.isNull()) {
      return Optional.of(KsmLabels.NONE);
    }
    Map<String, KsmPath> paths = new TreeMap<>();
    boolean valid = true;
    for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
      Optional<KsmPath> path = path(entry.getValue());
      valid &= path.isPresent();
      path.ifPresent(p -> paths.put(entry.getKey(), p));
    }
    return valid && node.isMapping() ? Optional.of(new KsmLabels(paths)) : Optional.empty();
  }

  /** An optional label name; empty text when absent. */
  private static Optional<String> labelName(ConfigNode node) {
    if (node == null || node.isNull()) {
      return Optional.of("");
    }
    Optional<String> name = node.text();
    if (name.isPresent() && !name.get().isEmpty()) {
      String problem = PrometheusNames.labelNameProblem(name.get());
      if (problem != null) {
        node.problem(problem);
        return Optional.empty();
      }
    }
    return name;
  }

  private static boolean flag(ConfigNode node) {
    return node != null && !node.isNull() && node.bool().orElse(false);
  }
}
