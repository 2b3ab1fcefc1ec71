package io.crexporter.ingest;

import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.EvaluationError;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricRule;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Selection;
import io.crexporter.mapping.Series;
import java.util.List;
import java.util.Map;

/** Configurations that define metric families and compute nothing: for writing stored lines. */
final class CompiledConfigs {

  private CompiledConfigs() {}

  static CompiledConfig withFamilies(List<MetricFamily> families) {
    List<MetricRule> rules =
        families.stream().map(family -> (MetricRule) new Defines(family)).toList();
    return new CompiledConfig(
        List.of(
            new ResourceMapping(
                new ResourceId("g", "v1", "K", "ks"), Selection.ALL, List.of(), rules, "test")));
  }

  private record Defines(MetricFamily family) implements MetricRule {
    @Override
    public void evaluate(
        Object root,
        Map<String, String> resourceLabels,
        List<Series> out,
        List<EvaluationError> errors) {}
  }
}
