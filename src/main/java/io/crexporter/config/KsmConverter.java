package io.crexporter.config;

import io.crexporter.mapping.LabelNames;
import io.crexporter.mapping.MetricRule;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.ValueType;
import io.crexporter.mapping.ksm.KsmEach;
import io.crexporter.mapping.ksm.KsmLabels;
import io.crexporter.mapping.ksm.KsmMetric;
import io.crexporter.mapping.ksm.KsmPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes kube-state-metrics resources, once compiled, as a mapping file of this exporter's format
 * that yields the same series. What the format cannot say exactly is listed in the file's header.
 */
public final class KsmConverter {

  /** The mapping file's text, and what differs from the source (also in the text's header). */
  public record Result(String yaml, List<String> notes) {}

  private final Set<String> notes = new LinkedHashSet<>();

  private KsmConverter() {}

  /**
   * @throws IllegalArgumentException when a resource is not a kube-state-metrics one
   */
  public static Result convert(List<ResourceMapping> resources) {
    KsmConverter converter = new KsmConverter();
    List<Object> converted = new ArrayList<>();
    for (ResourceMapping resource : resources) {
      converted.add(converter.resource(resource));
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(120);
    String body = new Yaml(options).dump(Map.of("resources", converted));
    StringBuilder header = new StringBuilder();
    header.append(
        "# Converted from a kube-state-metrics CustomResourceStateMetrics configuration.\n");
    if (!converter.notes.isEmpty()) {
      header.append("# Where the series may differ from kube-state-metrics':\n");
      converter.notes.forEach(note -> header.append(wrapped(note)));
    }
    return new Result(header + body, List.copyOf(converter.notes));
  }

  private Map<String, Object> resource(ResourceMapping mapping) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("group", mapping.resource().group());
    if (mapping.resource().hasVersion()) {
      resource.put("version", mapping.resource().version());
    }
    resource.put("kind", mapping.resource().kind());
    if (!mapping.resource().plural().isEmpty()) {
      resource.put("plural", mapping.resource().plural());
    }
    List<Object> metrics = new ArrayList<>();
    for (MetricRule rule : mapping.metrics()) {
      if (!(rule instanceof KsmMetric metric)) {
        throw new IllegalArgumentException(
            mapping.origin() + ": not a kube-state-metrics resource; it is in this format already");
      }
      metric(metric).ifPresent(metrics::add);
    }
    resource.put("metrics", metrics);
    return resource;
  }

  /** A note as comment lines of at most about 100 characters. */
  private static String wrapped(String note) {
    StringBuilder text = new StringBuilder("#   -");
    int lineStart = 0;
    for (String word : note.split(" ")) {
      if (text.length() - lineStart + word.length() > 100) {
        text.append("\n#    ");
        lineStart = text.length() - 5;
      }
      text.append(' ').append(word);
    }
    return text.append('\n').toString();
  }

  private Optional<Map<String, Object>> metric(KsmMetric metric) {
    String name = metric.name();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    if (!metric.family().help().isEmpty()) {
      out.put("help", metric.family().help());
    }
    out.put("type", metric.type().configName());
    KsmEach each = metric.each();
    String labelFromKey = labelFromKey(each);
    // a gauge of the value at 'path' itself, 0 when missing, is one value: with 'each', a
    // missing path would give no series
    boolean oneValue =
        each instanceof KsmEach.Gauge gauge
            && gauge.nilIsZero()
            && gauge.valueFrom().isEmpty()
            && labelFromKey.isEmpty();
    // keyLabel iterates the map 'each' selects, even when that is the object itself
    boolean iterates = !oneValue && (!each.path().isEmpty() || !labelFromKey.isEmpty());
    if (iterates) {
      String path = KsmJsonPaths.root(each.path());
      out.put("each", path);
      if (!labelFromKey.isEmpty() && path.contains("[?(")) {
        notes.add(
            name
                + ": 'labelFromKey' after a [key=value] lookup gives no key label here: a"
                + " filter's match is iterated as a list, not as a map");
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    new java.util.TreeMap<>(metric.commonLabels())
        .forEach((label, value) -> labels.put(label, constant(label, value)));
    addPaths(name, metric.familyLabels(), KsmJsonPaths::root, labels);
    Function<KsmPath, String> relative =
        iterates ? KsmJsonPaths::relative : path -> KsmJsonPaths.root(each.path().then(path));
    addPaths(name, each.labels(), relative, labels);
    if (each instanceof KsmEach.Gauge gauge) {
      keyLabel(labelFromKey, out, labels);
      out.put("value", relative.apply(gauge.valueFrom()));
      // kube-state-metrics reads '100m' as a quantity and 'Unknown' as 0, unlike 'auto'
      out.put("valueType", ValueType.KSM.configName());
      if (gauge.nilIsZero()) {
        out.put("nilIsZero", true);
      }
    } else if (each instanceof KsmEach.Info info) {
      keyLabel(labelFromKey, out, labels);
    } else if (each instanceof KsmEach.StateSet stateSet) {
      if (stateSet.states().isEmpty()) {
        notes.add(name + ": a StateSet without 'list' emits nothing; left out");
        return Optional.empty();
      }
      out.put("state", relative.apply(stateSet.valueFrom()));
      out.put("states", stateSet.states());
      out.put("stateLabel", stateSet.labelName());
    }
    if (!labels.isEmpty()) {
      out.put("labels", labels);
    }
    return Optional.of(out);
  }

  /** A constant label; the wildcard kind becomes the object's kind. */
  private String constant(String label, String value) {
    if (KsmMetric.ANY.equals(value) && label.equals(KsmMetric.KIND_LABEL)) {
      return "$.kind";
    }
    if (KsmMetric.ANY.equals(value) && label.equals(KsmMetric.VERSION_LABEL)) {
      notes.add(label + ": the object's apiVersion (group/version) stands for its version");
      return "$.apiVersion";
    }
    // this format reads a label value starting with '$' or '@' as a path and has no way to quote
    // it, so such a constant is kept as written and noted
    if (value.startsWith("$") || value.startsWith("@")) {
      notes.add(label + ": the constant '" + value + "' reads as a path in this format");
    }
    return value;
  }

  private void addPaths(
      String metric, KsmLabels labels, Function<KsmPath, String> write, Map<String, String> out) {
    labels
        .paths()
        .forEach(
            (label, path) -> {
              String name = label;
              if (label.endsWith("*")) {
                // the prefix is sanitized with the keys, so "**" makes "_<key>" in both formats
                name = LabelNames.sanitize(label.substring(0, label.length() - 1)) + "*";
              } else if (label.startsWith("*")) {
                name = "*";
                notes.add(metric + ": '" + label + "' copies the map's keys as '*' does");
              }
              out.put(name, write.apply(path));
            });
  }

  private static String labelFromKey(KsmEach each) {
    if (each instanceof KsmEach.Gauge gauge) {
      return gauge.labelFromKey();
    }
    return each instanceof KsmEach.Info info ? info.labelFromKey() : "";
  }

  private static void keyLabel(
      String labelFromKey, Map<String, Object> out, Map<String, String> labels) {
    if (!labelFromKey.isEmpty()) {
      out.put("keyLabel", labelFromKey);
      labels.remove(labelFromKey);
    }
  }
}
