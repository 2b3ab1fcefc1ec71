package io.crexporter.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Tells the configuration formats apart by their shape, so that any file can be given wherever a
 * mapping file is accepted: this project's format (top-level {@code resources} of {@code kind}
 * entries), a kube-state-metrics CustomResourceStateMetrics document ({@code spec.resources}, or a
 * bare {@code resources} list of {@code groupVersionKind} entries), kube-state-metrics' Helm values
 * ({@code customResourceState.config}) and kube-prometheus-stack's ({@code
 * kube-state-metrics.customResourceState.config}), where {@code config} may also be a string of
 * YAML, and a ConfigMap whose data entries hold any of these.
 */
final class ConfigDocumentReader {

  private static final String KSM_CHART = "customResourceState";
  private static final String PROMETHEUS_STACK = "kube-state-metrics";

  private final List<MappingDocument> documents = new ArrayList<>();

  private ConfigDocumentReader() {}

  static MappingDocument read(ConfigNode root) {
    ConfigDocumentReader reader = new ConfigDocumentReader();
    reader.readDocument(root);
    return MappingDocument.concat(reader.documents);
  }

  private void readDocument(ConfigNode root) {
    if (!root.isMapping()) {
      root.problem("not a mapping file: expected a mapping at the top");
      return;
    }
    Optional<ConfigNode> resources = root.peek("resources");
    Optional<ConfigNode> stack = root.peek(PROMETHEUS_STACK).flatMap(n -> n.peek(KSM_CHART));
    Optional<ConfigNode> data =
        root.peek("kind")
            .filter(kind -> kind.text().filter("ConfigMap"::equals).isPresent())
            .flatMap(kind -> root.peek("data"))
            .filter(ConfigNode::isMapping);
    if (resources.isPresent()) {
      documents.add(
          isKsmList(resources.get())
              ? KsmConfigReader.readResources(resources.get())
              : MappingFileReader.read(root));
    } else if (root.peek("spec").isPresent()) {
      documents.add(KsmConfigReader.readSpec(root.peek("spec").get()));
    } else if (root.peek(KSM_CHART).isPresent()) {
      readChartValues(root.peek(KSM_CHART).get());
    } else if (stack.isPresent()) {
      readChartValues(stack.get());
    } else if (data.isPresent()) {
      data.get().entries().values().forEach(this::readEmbedded);
    } else {
      root.problem(
          "not a mapping file: expected 'resources' (this exporter's format), 'spec' (a"
              + " kube-state-metrics CustomResourceStateMetrics), or kube-state-metrics Helm"
              + " values ('customResourceState.config'); found keys "
              + root.entries().keySet());
    }
  }

  /**
   * kube-state-metrics entries name a {@code groupVersionKind}; ours name a {@code kind}. Any entry
   * naming one tells, so that a first entry with a mistake is reported as such.
   */
  private static boolean isKsmList(ConfigNode resources) {
    return resources.peekItems().stream()
        .anyMatch(entry -> entry.peek("groupVersionKind").isPresent());
  }

  private void readChartValues(ConfigNode values) {
    Map<String, ConfigNode> keys = values.entries();
    ConfigNode config = keys.get("config");
    if (config == null || config.isNull()) {
      values.problem("missing 'config': the CustomResourceStateMetrics configuration");
      return;
    }
    if (keys.containsKey("enabled") && !keys.get("enabled").bool().orElse(true)) {
      keys.get("enabled").warn("customResourceState is disabled here; its config is read anyway");
    }
    if (config.isMapping()) {
      readDocument(config);
    } else if (config.isSequence()) {
      config.problem(
          "expected a CustomResourceStateMetrics configuration (with 'spec.resources'), as YAML or"
              + " as a string of YAML; found a list");
    } else {
      readEmbedded(config);
    }
  }

  /** A string holding YAML documents, as Helm values and ConfigMaps carry them. */
  private void readEmbedded(ConfigNode holder) {
    if (holder.isMapping()) {
      readDocument(holder);
      return;
    }
    String text = holder.text().orElse(null);
    if (text == null) {
      return;
    }
    try {
      for (Node document : Yamls.create().composeAll(new StringReader(text))) {
        if (document != null) {
          readDocument(holder.embedded(document));
        }
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      holder.problem(
          "invalid YAML in this string"
              + (mark == null ? "" : " at its line " + (mark.getLine() + 1))
              + ": "
              + e.getProblem());
    } catch (YAMLException e) {
      holder.problem("invalid YAML in this string: " + e.getMessage());
    }
  }
}
