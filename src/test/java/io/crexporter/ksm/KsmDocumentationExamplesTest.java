package io.crexporter.ksm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of kube-state-metrics' Custom Resource State documentation, run unchanged, must
 * print what kube-state-metrics' code prints for them (docs/*.derived-text-plain.prom), byte for
 * byte once values are spelled alike.
 */
class KsmDocumentationExamplesTest {

  static final Path DOCS = Path.of("src/test/resources/ksm/docs");

  @TempDir Path dir;

  /** The documentation's Foo, with its apiVersion typo ({@code myteam.io/vl}) corrected. */
  static Path foo(Path dir) throws IOException {
    Path foo = dir.resolve("foo.yaml");
    Files.writeString(
        foo,
        Files.readString(DOCS.resolve("00_foo-object.yaml"))
            .replace("apiVersion: myteam.io/vl", "apiVersion: myteam.io/v1"));
    return foo;
  }

  /** A VerticalPodAutoscaler holding the documentation's status fragment. */
  static Path vpa(Path dir) throws IOException {
    Path vpa = dir.resolve("vpa.yaml");
    Files.writeString(
        vpa,
        """
        apiVersion: autoscaling.k8s.io/v1
        kind: VerticalPodAutoscaler
        metadata:
          name: vpa-example
          namespace: namespace-example
          annotations: {example.com/owner: team-a}
          labels: {app: consumer}
        spec:
          targetRef: {apiVersion: apps/v1, kind: Deployment, name: target-name-example}
          updatePolicy: {updateMode: Auto}
          resourcePolicy:
            containerPolicies:
              - containerName: consumer
                minAllowed: {cpu: 100m, memory: 50Mi}
                maxAllowed: {cpu: "1", memory: 500Mi}
        status:
        """
            + Files.readString(
                DOCS.resolve("04_vpa-same-metric-different-labels.object-fragment.yaml")));
    return vpa;
  }

  /** The examples that read the documentation's Foo object. */
  static List<String> fooExamples() {
    return List.of(
        "01_single-values", "02_kitchen-sink", "03_non-map-arrays", "08_stateset", "09_info");
  }

  @ParameterizedTest
  @MethodSource("fooExamples")
  void fooExamplesPrintWhatKubeStateMetricsPrints(String example) throws IOException {
    assertEquals(
        Files.readString(DOCS.resolve(example + ".derived-text-plain.prom")),
        Rendered.render(DOCS.resolve(example + ".config.yaml"), foo(dir)));
  }

  @Test
  void statusConditionsExample() throws IOException {
    assertEquals(
        Files.readString(DOCS.resolve("07_status-conditions.derived-text-plain.prom")),
        Rendered.render(
            DOCS.resolve("07_status-conditions.config.yaml"),
            DOCS.resolve("07_status-conditions.object-for-derivation.yaml")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"myteam_foos", "\"\""})
  void metricNamePrefixReplacesTheDefaultAndEmptyMeansNone(String prefix) throws IOException {
    // 10 and 11 elide the rest of the resource; it is example 01's
    Path config = dir.resolve("prefix.yaml");
    Files.writeString(
        config,
        Files.readString(DOCS.resolve("01_single-values.config.yaml"))
            .replace("      metrics:", "      metricNamePrefix: " + prefix + "\n      metrics:"));
    String expected =
        Files.readString(
                DOCS.resolve(
                    prefix.equals("\"\"")
                        ? "11_naming-empty-prefix.expected.prom"
                        : "10_naming-prefix.expected.prom"))
            .replace(", ", ",");
    assertEquals(List.of(expected.trim()), Rendered.samples(Rendered.render(config, foo(dir))));
  }

  @Test
  void wildcardGroupVersionKindLabelsEachObjectWithItsOwnKind() throws IOException {
    Path objects = dir.resolve("objects.yaml");
    Files.writeString(
        objects,
        """
        apiVersion: myteam.io/v1
        kind: Foo
        metadata: {name: foo, namespace: ns}
        ---
        apiVersion: myteam.io/v1
        kind: Bar
        metadata: {name: bar, namespace: ns}
        ---
        apiVersion: other.io/v1
        kind: Foo
        metadata: {name: elsewhere, namespace: ns}
        """);
    List<String> expected =
        Files.readAllLines(DOCS.resolve("14_wildcard-gvk.expected.prom")).stream()
            .sorted()
            .toList();
    assertEquals(
        expected,
        Rendered.samples(Rendered.render(DOCS.resolve("14_wildcard-gvk.config.yaml"), objects)));
  }

  @Test
  void oneNameWithTwoDefinitionsIsOneMetricWithTheFirstHelp() throws IOException {
    Path vpa = vpa(dir);
    String name =
        "kube_customresource_verticalpodautoscaler_status_recommendation_containerrecommendations_lowerbound";
    String labels =
        "container=\"consumer\",customresource_group=\"autoscaling.k8s.io\","
            + "customresource_kind=\"VerticalPodAutoscaler\",customresource_version=\"v1\","
            + "namespace=\"namespace-example\",resource=\"%s\",target_api_version=\"autoscaling.k8s.io/v1\","
            + "target_kind=\"Deployment\",target_name=\"target-name-example\",unit=\"%s\","
            + "verticalpodautoscaler=\"vpa-example\"";
    assertEquals(
        String.join(
            "\n",
            "# HELP "
                + name
                + " Minimum memory resources the container can use before the"
                + " VerticalPodAutoscaler updater evicts it.",
            "# TYPE " + name + " gauge",
            name + "{" + String.format(labels, "cpu", "core") + "} 0.1",
            name + "{" + String.format(labels, "memory", "byte") + "} 2.62144e+08",
            ""),
        Rendered.render(DOCS.resolve("04_vpa-same-metric-different-labels.config.yaml"), vpa));
  }
}
