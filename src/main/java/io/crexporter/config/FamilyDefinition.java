package io.crexporter.config;

import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricType;
import java.util.Optional;

/** Where a metric family was defined, to report conflicts between definitions. */
public record FamilyDefinition(MetricFamily family, SourceLocation where) {

  /**
   * The metric {@code name} after the resource's {@code prefix}, defined at {@code node}; empty
   * when the full name may not be used, which is reported at {@code nameNode}.
   */
  static Optional<FamilyDefinition> named(
      ConfigNode node,
      ConfigNode nameNode,
      String prefix,
      String name,
      String help,
      MetricType type) {
    String fullName = prefix.isEmpty() ? name : prefix + "_" + name;
    String nameProblem = PrometheusNames.mappedMetricNameProblem(fullName);
    if (nameProblem != null) {
      nameNode.problem(nameProblem);
      return Optional.empty();
    }
    return Optional.of(
        new FamilyDefinition(new MetricFamily(fullName, help, type), node.location()));
  }
}
