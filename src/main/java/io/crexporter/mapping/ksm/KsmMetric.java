package io.crexporter.mapping.ksm;

import io.crexporter.mapping.EvaluationError;
import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.MetricRule;
import io.crexporter.mapping.Series;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One metric of a kube-state-metrics CustomResourceStateMetrics resource, compiled: the family's
 * constant labels ({@code commonLabels} and the {@code customresource_*} labels) and labels read
 * from the object root, under which the series of the {@code each} block are placed. Labels of the
 * {@code each} block win over the family's.
 *
 * @param commonLabels constant labels; a {@code customresource_version} or {@code
 *     customresource_kind} of {@code *} (a wildcard resource) takes the object's own
 */
public record KsmMetric(
    MetricFamily family, Map<String, String> commonLabels, KsmLabels familyLabels, KsmEach each)
    implements MetricRule {

  public static final String GROUP_LABEL = "customresource_group";
  public static final String VERSION_LABEL = "customresource_version";
  public static final String KIND_LABEL = "customresource_kind";
  public static final String ANY = "*";

  public KsmMetric {
    commonLabels = Map.copyOf(commonLabels);
  }

  @Override
  public void evaluate(
      Object root,
      Map<String, String> resourceLabels,
      List<Series> out,
      List<EvaluationError> errors) {
    Map<String, String> base = new TreeMap<>(resourceLabels);
    base.putAll(commonLabels);
    if (root instanceof Map<?, ?> object) {
      replaceWildcard(base, VERSION_LABEL, versionOf(object.get("apiVersion")));
      replaceWildcard(base, KIND_LABEL, object.get("kind"));
    }
    familyLabels.addTo(root, base);
    EachResult result = new EachResult();
    each.values(each.path().get(root), result);
    for (EachValue value : result.values) {
      Map<String, String> labels = new TreeMap<>(base);
      labels.putAll(value.labels());
      out.add(new Series(family, labels, value.value()));
    }
    for (EachResult.Problem problem : result.problems) {
      errors.add(
          new EvaluationError(
              name(),
              problem.missing() ? EvaluationError.Reason.MISSING : EvaluationError.Reason.INVALID,
              problem.text()));
    }
  }

  private static void replaceWildcard(Map<String, String> labels, String name, Object actual) {
    if (ANY.equals(labels.get(name)) && actual instanceof String text) {
      labels.put(name, text);
    }
  }

  private static Object versionOf(Object apiVersion) {
    return apiVersion instanceof String text ? text.substring(text.indexOf('/') + 1) : null;
  }
}
