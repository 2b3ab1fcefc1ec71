package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.TestConfigs;
import io.crexporter.config.KsmConverter;
import io.crexporter.mapping.CompiledConfig;
import io.crexporter.mapping.Evaluation;
import io.crexporter.mapping.ObjectEvaluator;
import io.crexporter.mapping.ResourceMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kube-state-metrics configuration with star labels and {@code labelFromKey}, once converted to
 * this exporter's format, yields the same series from the same object.
 */
class KsmConverterRoundTripTest {

  private static final String KSM_CONFIG =
      """
      kind: CustomResourceStateMetrics
      spec:
        resources:
          - groupVersionKind: {group: myteam.io, kind: Foo, version: v1}
            commonLabels: {crd_type: foo}
            labelsFromPath:
              name: [metadata, name]
              "label_*": [metadata, labels]
            metrics:
              - name: ready_count
                help: Number Foo Bars ready
                each:
                  type: Gauge
                  gauge:
                    path: [status, sub]
                    labelFromKey: type
                    labelsFromPath: {active: [active]}
                    valueFrom: [ready]
                labelsFromPath:
                  "*": [metadata, labels]
                  "annotation_*": [metadata, annotations]
                  foo: [metadata, name]
              - name: active
                help: Active Foos by type
                each:
                  type: Gauge
                  gauge:
                    path: [status, active]
                    labelFromKey: type
              - name: sub_info
                help: The Foo's subs
                each:
                  type: Info
                  info:
                    path: [status, sub]
                    labelFromKey: sub
      """;

  /** The documentation's Foo, with more labels to sanitize. */
  private static Map<String, Object> foo() throws IOException {
    return TestConfigs.object(
        Files.readString(KsmDocumentationExamplesTest.DOCS.resolve("00_foo-object.yaml"))
            .replace("apiVersion: myteam.io/vl", "apiVersion: myteam.io/v1")
            .replace(
                "        foo: bar\n",
                "        foo: bar\n        app.kubernetes.io/name: shop\n        9lives: cat\n"));
  }

  private static List<String> series(CompiledConfig config, Map<String, Object> object) {
    ResourceMapping mapping = config.resources().get(0);
    Evaluation evaluation = ObjectEvaluator.evaluate(mapping, object);
    assertEquals(List.of(), evaluation.errors());
    return evaluation.series().stream()
        .map(s -> s.family().name() + s.labels() + " " + s.value())
        .sorted()
        .toList();
  }

  @Test
  void convertedStarLabelsAndKeyLabelsGiveTheSameSeries() throws IOException {
    CompiledConfig ksm = TestConfigs.compile(KSM_CONFIG);
    String converted = KsmConverter.convert(ksm.resources()).yaml();
    assertTrue(converted.contains("keyLabel: type"), converted);
    assertTrue(converted.contains("label_*:"), converted);

    Map<String, Object> foo = foo();
    List<String> expected = series(ksm, foo);
    assertEquals(
        List.of(
            "kube_customresource_active{crd_type=foo, customresource_group=myteam.io,"
                + " customresource_kind=Foo, customresource_version=v1, label_9lives=cat,"
                + " label_app_kubernetes_io_name=shop, label_foo=bar, name=foo, type=type-a} 1.0",
            "kube_customresource_active{crd_type=foo, customresource_group=myteam.io,"
                + " customresource_kind=Foo, customresource_version=v1, label_9lives=cat,"
                + " label_app_kubernetes_io_name=shop, label_foo=bar, name=foo, type=type-b} 3.0"),
        expected.subList(0, 2),
        "the kube-state-metrics side, as a check of the test's object");
    assertEquals(6, expected.size(), String.join("\n", expected));
    assertEquals(expected, series(TestConfigs.compile(converted), foo), converted);
  }
}
