package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.AuthenticationV1TokenRequest;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1TokenRequestSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart's RBAC, applied to a real API server: the exporter, running with the chart's
 * ConfigMap and a token of the chart's ServiceAccount, can read every mapped kind whose CRD is
 * installed, and nothing is forbidden; also with kube-state-metrics configurations as its
 * customMappings.
 */
class ChartRbacOnApiServerTest {

  private static final Pattern UP =
      Pattern.compile(
          "custom_resource_exporter_resource_up\\{group=\"([^\"]*)\",kind=\"([^\"]*)\",version=\"[^\"]*\"} ([0-9.]+)");

  @TempDir Path dir;

  @Test
  void theExporterReadsEveryInstalledKindWithTheChartsServiceAccount() throws Exception {
    readsWithTheChartsServiceAccount("", kind -> true, List.of());
  }

  /**
   * Sharded: a shard reads its StatefulSet (the chart's, created as rendered) with the Role that
   * names only it, by a list and watch on metadata.name, and reads every kind.
   */
  @Test
  void aShardReadsItsStatefulSetWithTheChartsRole() throws Exception {
    readsWithTheChartsServiceAccount(
        "sharding: {enabled: true, replicas: 2}\n", kind -> true, List.of());
  }

  /** Built-in kinds as customMappings: the chart grants their groups, the core group included. */
  @Test
  void theExporterReadsBuiltInKindsWithTheChartsServiceAccount() throws Exception {
    String mapping = Files.readString(Path.of("src/test/resources/kube/mappings/builtin.yaml"));
    String values =
        new Yaml()
            .dump(Map.of("presets", List.of(), "customMappings", Map.of("builtin.yaml", mapping)));
    readsWithTheChartsServiceAccount(
        values, kind -> false, List.of("/ConfigMap", "apps/Deployment"));
  }

  /** A namespace selector: the chart grants list and watch on namespaces, and the kind is read. */
  @Test
  void theExporterReadsKindsSelectedByNamespaceLabelsWithTheChartsServiceAccount()
      throws Exception {
    String mapping =
        Files.readString(Path.of("src/test/resources/kube/mappings/namespace-selector.yaml"));
    String values =
        new Yaml()
            .dump(Map.of("presets", List.of(), "customMappings", Map.of("selected.yaml", mapping)));
    readsWithTheChartsServiceAccount(
        values, kind -> kind.equals("kpack.io/Build") || kind.equals("kpack.io/Image"), List.of());
  }

  /**
   * kube-state-metrics configurations as customMappings: kube-prometheus-stack values with the
   * config as a string, and a CustomResourceStateMetrics of every kind of a group at every version.
   */
  @Test
  void theExporterReadsKubeStateMetricsCustomMappingsWithTheChartsServiceAccount()
      throws Exception {
    String values =
        """
        presets: []
        customMappings:
          kps.yaml:
            kube-state-metrics:
              customResourceState:
                enabled: true
                config: |
                  spec:
                    resources:
                      - groupVersionKind: {group: source.toolkit.fluxcd.io, version: "*", kind: GitRepository}
                        metricNamePrefix: gotk
                        metrics:
                          - name: resource_info
                            help: The current state of a Flux resource.
                            each: {type: Info, info: {labelsFromPath: {name: [metadata, name]}}}
          kpack.yaml:
            kind: CustomResourceStateMetrics
            spec:
              resources:
                - groupVersionKind: {group: kpack.io, version: "*", kind: "*"}
                  metrics:
                    - name: kpack_info
                      help: A kpack object.
                      each: {type: Info, info: {labelsFromPath: {name: [metadata, name]}}}
        """;
    readsWithTheChartsServiceAccount(
        values,
        kind ->
            kind.startsWith("kpack.io/") || kind.equals("source.toolkit.fluxcd.io/GitRepository"),
        List.of());
  }

  /**
   * Installs every test CRD, renders the chart with {@code values}, and runs the exporter with the
   * chart's RBAC: the installed kinds that {@code mapped} selects and the {@code builtIn} kinds
   * (group/kind) are read, no other, and nothing is forbidden.
   */
  @SuppressWarnings("unchecked")
  private void readsWithTheChartsServiceAccount(
      String values, Predicate<String> mapped, List<String> builtIn) throws Exception {
    try (LocalKubeApiServer api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of())) {
      List<String> installed = new ArrayList<>(builtIn);
      try (Stream<Path> crds = Files.list(Path.of("src/test/resources/kube/crds"))) {
        for (Path crd : crds.sorted().toList()) {
          api.installCrd(crd.getFileName().toString());
          Map<String, Object> spec =
              (Map<String, Object>) LocalKubeApiServer.manifest(crd).get("spec");
          String kind =
              spec.get("group") + "/" + ((Map<String, Object>) spec.get("names")).get("kind");
          if (mapped.test(kind)) {
            installed.add(kind);
          }
        }
      }
      List<Map<String, Object>> objects = render(values);
      api.createNamespace("monitoring");
      Path config = Files.createDirectories(dir.resolve("config"));
      String serviceAccount = null;
      String statefulSet = null;
      CustomObjectsApi custom = new CustomObjectsApi(api.client());
      for (Map<String, Object> object : objects) {
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        switch ((String) object.get("kind")) {
          case "ServiceAccount" -> serviceAccount = (String) metadata.get("name");
          case "ClusterRole" ->
              custom
                  .createClusterCustomObject(
                      "rbac.authorization.k8s.io", "v1", "clusterroles", object)
                  .execute();
          case "ClusterRoleBinding" ->
              custom
                  .createClusterCustomObject(
                      "rbac.authorization.k8s.io", "v1", "clusterrolebindings", object)
                  .execute();
          case "Role", "RoleBinding" ->
              custom
                  .createNamespacedCustomObject(
                      "rbac.authorization.k8s.io",
                      "v1",
                      "monitoring",
                      object.get("kind").equals("Role") ? "roles" : "rolebindings",
                      object)
                  .execute();
          case "StatefulSet" -> {
            statefulSet = (String) metadata.get("name");
            custom
                .createNamespacedCustomObject("apps", "v1", "monitoring", "statefulsets", object)
                .execute();
          }
          case "ConfigMap" -> {
            for (var file : ((Map<String, String>) object.get("data")).entrySet()) {
              Files.writeString(config.resolve(file.getKey()), file.getValue());
            }
          }
          default -> {}
        }
      }
      CoreV1Api core = new CoreV1Api(api.client());
      core.createNamespacedServiceAccount(
              "monitoring",
              new V1ServiceAccount().metadata(new V1ObjectMeta().name(serviceAccount)))
          .execute();
      String token =
          core.createNamespacedServiceAccountToken(
                  serviceAccount,
                  "monitoring",
                  new AuthenticationV1TokenRequest()
                      .spec(
                          new V1TokenRequestSpec()
                              .audiences(List.of("https://kubernetes.default.svc.cluster.local"))))
              .execute()
              .getStatus()
              .getToken();

      Sharding sharding =
          statefulSet == null ? Sharding.NONE : Sharding.fromPod(statefulSet + "-1", "monitoring");
      try (RunningExporter exporter =
          new RunningExporter(
              config,
              api.kubeconfigFor("chart-service-account", token),
              KubeSettings.DEFAULTS,
              sharding)) {
        String text =
            exporter.await(
                java.time.Duration.ofSeconds(90),
                "every installed kind up",
                t -> upKinds(t, "1.0").containsAll(installed));
        if (statefulSet != null) {
          assertTrue(text.contains("\ncustom_resource_exporter_total_shards 2.0\n"), text);
          assertTrue(text.contains("\ncustom_resource_exporter_shard_ordinal 1.0\n"), text);
        }
        assertEquals(
            List.of(), upKinds(text, "1.0").stream().filter(k -> !installed.contains(k)).toList());
        assertFalse(text.contains("forbidden"), text);
      }
    }
  }

  private static List<String> upKinds(String text, String value) {
    List<String> kinds = new ArrayList<>();
    Matcher matcher = UP.matcher(text);
    while (matcher.find()) {
      if (matcher.group(3).equals(value)) {
        kinds.add(matcher.group(1) + "/" + matcher.group(2));
      }
    }
    return kinds;
  }

  private List<Map<String, Object>> render(String values) throws Exception {
    Path file = Files.writeString(dir.resolve("values.yaml"), values);
    String manifest =
        new Helm(Path.of("charts/custom-resource-exporter"))
            .template()
            .withName("cre")
            .withNamespace("monitoring")
            .withKubeVersion("1.30.0")
            .withValuesFile(file)
            .call();
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Yaml(new LoaderOptions()).loadAll(manifest)) {
      if (document instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        objects.add(object);
      }
    }
    return objects;
  }
}
