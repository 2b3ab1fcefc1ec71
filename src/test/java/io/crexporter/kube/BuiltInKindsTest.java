package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kinds that no CRD defines, read through the API server's discovery documents: ConfigMaps of the
 * core group at the version the mapping names, Deployments of apps at the group's preferred
 * version. Without a controller manager, Deployments never get a status; their spec is enough here.
 */
class BuiltInKindsTest {

  private static final Path MAPPING = Path.of("src/test/resources/kube/mappings/builtin.yaml");
  private static final String NAMESPACE = "builtin";
  private static final String UP = "custom_resource_exporter_resource_up{";

  @RegisterExtension final ApiServerPerTest server = new ApiServerPerTest();
  private LocalKubeApiServer api;
  private CoreV1Api core;
  private AppsV1Api apps;

  @BeforeEach
  void useApiServer() throws Exception {
    api = server.api();
    core = new CoreV1Api(api.client());
    apps = new AppsV1Api(api.client());
    // a namespace of its own: the API server keeps ConfigMaps of its own in kube-system
    api.createNamespace(NAMESPACE);
  }

  @Test
  void configMapsAndDeploymentsAppearChangeAndDisappear() throws Exception {
    try (RunningExporter exporter = new RunningExporter(MAPPING, api.kubeconfig())) {
      exporter.awaitReady("ready");
      String text =
          exporter.await(
              "both kinds up, through discovery",
              t ->
                  t.contains("\n" + UP + "group=\"\",kind=\"ConfigMap\",version=\"v1\"} 1.0\n")
                      && t.contains(
                          "\n" + UP + "group=\"apps\",kind=\"Deployment\",version=\"v1\"} 1.0\n"));
      assertTrue(lines(text).isEmpty(), text);

      core.createNamespacedConfigMap(NAMESPACE, configMap("red", "3")).execute();
      apps.createNamespacedDeployment(NAMESPACE, deployment(2)).execute();
      awaitLines(
          exporter,
          "test_configmap_info{colour=\"red\",name=\"settings\",namespace=\"builtin\","
              + "team=\"platform\"} 1.0",
          "test_configmap_size{name=\"settings\",namespace=\"builtin\"} 3.0",
          "test_deployment_info{image=\"nginx:1.25\",name=\"web\",namespace=\"builtin\"} 1.0",
          "test_deployment_spec_replicas{name=\"web\",namespace=\"builtin\"} 2.0");

      core.replaceNamespacedConfigMap("settings", NAMESPACE, configMap("blue", "5")).execute();
      V1Deployment web = apps.readNamespacedDeployment("web", NAMESPACE).execute();
      web.getSpec().setReplicas(4);
      apps.replaceNamespacedDeployment("web", NAMESPACE, web).execute();
      awaitLines(
          exporter,
          "test_configmap_info{colour=\"blue\",name=\"settings\",namespace=\"builtin\","
              + "team=\"platform\"} 1.0",
          "test_configmap_size{name=\"settings\",namespace=\"builtin\"} 5.0",
          "test_deployment_info{image=\"nginx:1.25\",name=\"web\",namespace=\"builtin\"} 1.0",
          "test_deployment_spec_replicas{name=\"web\",namespace=\"builtin\"} 4.0");

      core.deleteNamespacedConfigMap("settings", NAMESPACE).execute();
      apps.deleteNamespacedDeployment("web", NAMESPACE).execute();
      awaitLines(exporter);
      assertTrue(
          exporter
              .get("/metrics")
              .contains("\n" + UP + "group=\"apps\",kind=\"Deployment\",version=\"v1\"} 1.0\n"),
          "still up with no object");
    }
  }

  private static V1ConfigMap configMap(String colour, String size) {
    return new V1ConfigMap()
        .metadata(new V1ObjectMeta().name("settings").labels(Map.of("team", "platform")))
        .data(Map.of("colour", colour, "size", size));
  }

  private static V1Deployment deployment(int replicas) {
    Map<String, String> labels = Map.of("app", "web");
    return new V1Deployment()
        .metadata(new V1ObjectMeta().name("web"))
        .spec(
            new V1DeploymentSpec()
                .replicas(replicas)
                .selector(new V1LabelSelector().matchLabels(labels))
                .template(
                    new V1PodTemplateSpec()
                        .metadata(new V1ObjectMeta().labels(labels))
                        .spec(
                            new V1PodSpec()
                                .containers(
                                    List.of(new V1Container().name("web").image("nginx:1.25"))))));
  }

  /** Waits until the mapped series of the test's namespace are exactly {@code expected}. */
  private static void awaitLines(RunningExporter exporter, String... expected) throws Exception {
    List<String> wanted = List.of(expected).stream().sorted().toList();
    exporter.await("exactly " + wanted, text -> lines(text).equals(wanted));
  }

  /** The mapped series of the test's namespace, sorted. */
  private static List<String> lines(String text) {
    return text.lines()
        .filter(line -> line.startsWith("test_"))
        .filter(line -> line.contains("namespace=\"" + NAMESPACE + "\""))
        .sorted()
        .toList();
  }
}
