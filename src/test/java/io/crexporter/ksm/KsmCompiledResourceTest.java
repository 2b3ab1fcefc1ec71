package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.TestConfigs;
import io.crexporter.config.ConfigLoader;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.Evaluation;
import io.crexporter.mapping.MetricRule;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.ResourceMapping;
import io.crexporter.mapping.Series;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kube-state-metrics' compiled-resource cases (custom_resource_metrics_test.go, config_test.go and
 * Test_fullName): prefix, plural, family names and the labels every family carries.
 */
class KsmCompiledResourceTest {

  private static final Map<String, Object> DEPLOYMENT =
      TestConfigs.object(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            annotations: {test: annotated}
          """);

  private static CompiledConfig deployment(String prefixLine) {
    return TestConfigs.compile(
        """
        kind: CustomResourceStateMetrics
        spec:
          resources:
            - groupVersionKind: {group: apps, version: v1, kind: Deployment}
        %s
              labelsFromPath: {name: [metadata, name]}
              commonLabels: {hello: world}
              metrics:
                - name: test_metrics
                  help: metrics for testing
                  each: {type: Info, info: {path: [metadata, annotations], labelFromKey: test}}
        """
            .formatted(prefixLine));
  }

  @Test
  void familiesCarryTheGroupVersionKindCommonLabelsAndLabelsFromPath() {
    ResourceMapping mapping = deployment("").resources().get(0);
    assertEquals(new ResourceId("apps", "v1", "Deployment", ""), mapping.resource());
    assertEquals("deployments", ResourceId.defaultPlural("Deployment"));
    MetricRule metric = mapping.metrics().get(0);
    assertEquals("kube_customresource_test_metrics", metric.name());
    assertEquals("metrics for testing", metric.family().help());
    Evaluation evaluation = ObjectEvaluator.evaluate(mapping, DEPLOYMENT);
    assertEquals(
        List.of(
            Map.of(
                "customresource_group", "apps",
                "customresource_kind", "Deployment",
                "customresource_version", "v1",
                "hello", "world",
                "name", "web",
                "test", "test")),
        evaluation.series().stream().map(Series::labels).toList());
  }

  @ParameterizedTest
  @CsvSource({
    "'',                                kube_customresource_test_metrics",
    "'      metricNamePrefix: ~',       kube_customresource_test_metrics",
    "'      metricNamePrefix: \"\"',    test_metrics",
    "'      metricNamePrefix: bar_baz', bar_baz_test_metrics",
    "'      metricNamePrefix: apps_deployment', apps_deployment_test_metrics"
  })
  void metricNamePrefix(String prefixLine, String name) {
    assertEquals(name, deployment(prefixLine).resources().get(0).metrics().get(0).name());
  }

  @Test
  void theExampleConfigLoadsWithResourceLabelsInheritedAndWarnings() throws Exception {
    CompiledConfig config =
        ConfigLoader.load(
            List.of(Path.of("src/test/resources/ksm/unit/config_test.example_config.yaml")));
    ResourceMapping foo = config.resources().get(0);
    assertEquals(
        List.of(
            "kube_customresource_active_count",
            "kube_customresource_other_count",
            "kube_customresource_info",
            "kube_customresource_phase"),
        foo.metrics().stream().map(MetricRule::name).toList());
    assertEquals("foos", ResourceId.defaultPlural(foo.resource().kind()));
    Map<String, Object> object =
        TestConfigs.object(
            """
            apiVersion: myteam.io/v1
            kind: Foo
            metadata: {name: one, labels: {foo: x, team: a}}
            spec: {version: v1.2.3}
            status: {other: 7, phase: Running, active: {type-a: 2, type-b: {count: 3}}}
            """);
    List<String> samples =
        ObjectEvaluator.evaluate(foo, object).series().stream()
            .map(s -> s.family().name() + s.labels() + " " + s.value())
            .sorted()
            .toList();
    String gvk =
        "customresource_group=myteam.io, customresource_kind=Foo, customresource_version=v1";
    assertEquals(
        List.of(
            // labels copied with "*" and named ones; type-b's value is a map: the ignored
            // 'value: [count]' key does not read its count, as in kube-state-metrics
            "kube_customresource_active_count{custom_metric=yes, "
                + gvk
                + ", foo=x, name=one, team=a, type=type-a} 2.0",
            "kube_customresource_info{" + gvk + ", name=one} 1.0",
            "kube_customresource_other_count{" + gvk + ", name=one} 7.0",
            "kube_customresource_phase{" + gvk + ", name=one, phase=Active} 0.0",
            "kube_customresource_phase{" + gvk + ", name=one, phase=Running} 1.0",
            "kube_customresource_phase{" + gvk + ", name=one, phase=Terminating} 0.0"),
        samples);
    assertEquals(2, config.warnings().size(), config.warnings().toString());
  }
}
