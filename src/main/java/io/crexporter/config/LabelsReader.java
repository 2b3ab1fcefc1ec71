package io.crexporter.config;

import io.crexporter.mapping.CelExpression;
import io.crexporter.mapping.LabelSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code labels} block: label name to path, expression, constant or choices of these, and
 * star labels ({@code prefix*} to a path or an expression) that copy a map.
 */
final class LabelsReader {

  private static final String STAR = "*";

  private LabelsReader() {}

  static List<LabelSource> read(ConfigNode node) {
    List<LabelSource> labels = new ArrayList<>();
    if (node == null) {
      return labels;
    }
    for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
      String name = entry.getKey();
      ConfigNode value = entry.getValue();
      if (name.endsWith(STAR)) {
        star(name.substring(0, name.length() - STAR.length()), value).ifPresent(labels::add);
        continue;
      }
      String problem = PrometheusNames.labelNameProblem(name);
      if (problem != null) {
        value.problem(problem);
        continue;
      }
      SourceReader.read(value, SourceReader.Constants.TEXT, CelExpression.Use.SCALAR)
          .ifPresent(ref -> labels.add(new LabelSource.Single(name, ref)));
    }
    return labels;
  }

  private static Optional<LabelSource> star(String prefix, ConfigNode value) {
    String problem = PrometheusNames.labelPrefixProblem(prefix);
    if (problem != null) {
      value.problem(problem);
      return Optional.empty();
    }
    // a constant has no entries to copy: only a path or an expression makes sense here
    return SourceReader.read(value, SourceReader.Constants.NONE, CelExpression.Use.MAP)
        .map(source -> LabelSource.copyingMap(prefix, source));
  }
}
