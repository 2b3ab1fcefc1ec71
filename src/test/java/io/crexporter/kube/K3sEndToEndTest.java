package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.app.Exporter;
import io.crexporter.config.Yamls;
import io.crexporter.http.MetricsServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.Config;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The main scenario on a real k3s cluster, for machines with Docker: objects created, their status
 * changed, then deleted, as seen through {@code /metrics}. Skipped where Docker is absent.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sEndToEndTest {

  @Container
  static final K3sContainer K3S =
      new K3sContainer(DockerImageName.parse("rancher/k3s:v1.30.4-k3s1"));

  @TempDir Path dir;

  @Test
  void seriesFollowObjectsThroughTheirLife() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, K3S.getKubeConfigYaml());
    ApiClient client = Config.fromConfig(kubeconfig.toString());
    CustomObjectsApi objects = new CustomObjectsApi(client);
    objects
        .createClusterCustomObject(
            "apiextensions.k8s.io",
            "v1",
            "customresourcedefinitions",
            load(Path.of("src/test/resources/kube/crds/builds.kpack.io.yaml")))
        .execute();
    Map<String, Object> build = load(Path.of("examples/kpack/build-succeeded.yaml"));
    Object status = build.remove("status");

    try (Exporter exporter =
            Exporter.create(
                new Exporter.Options(
                    List.of(Path.of("config/kpack.yaml")),
                    List.of(),
                    true,
                    true,
                    false,
                    true,
                    kubeconfig));
        MetricsServer server =
            MetricsServer.start(
                "127.0.0.1", 0, exporter.exposition(), exporter::notReady, exporter::scraped)) {
      exporter.start();
      String created = "kpack_build_info{";
      awaitMetrics(
          server,
          text ->
              text.contains(
                  "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Build\",version=\"v1alpha2\"} 1"));
      createWhenServed(objects, build);
      awaitMetrics(server, text -> text.contains(created));

      Map<String, Object> withStatus =
          new HashMap<>(
              (Map<String, Object>)
                  objects
                      .getNamespacedCustomObject(
                          "kpack.io", "v1alpha2", "default", "builds", "tutorial-image-build-1")
                      .execute());
      withStatus.put("status", status);
      objects
          .replaceNamespacedCustomObjectStatus(
              "kpack.io", "v1alpha2", "default", "builds", "tutorial-image-build-1", withStatus)
          .execute();
      awaitMetrics(
          server,
          text ->
              text.contains(
                  "kpack_build_status{name=\"tutorial-image-build-1\",namespace=\"default\",status=\"True\",type=\"Succeeded\"} 1.0"));

      objects
          .deleteNamespacedCustomObject(
              "kpack.io", "v1alpha2", "default", "builds", "tutorial-image-build-1")
          .execute();
      awaitMetrics(server, text -> !text.contains(created));
    }
  }

  private static void createWhenServed(CustomObjectsApi objects, Map<String, Object> build)
      throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        objects
            .createNamespacedCustomObject("kpack.io", "v1alpha2", "default", "builds", build)
            .execute();
        return;
      } catch (io.kubernetes.client.openapi.ApiException e) {
        // the CRD's API is served a moment after it is created
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  /** An example object without the fields the server assigns. */
  private static Map<String, Object> load(Path file) throws Exception {
    Map<String, Object> object = Yamls.create().load(new StringReader(Files.readString(file)));
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    List.of("uid", "resourceVersion", "creationTimestamp", "generation", "ownerReferences")
        .forEach(metadata::remove);
    return object;
  }

  private static void awaitMetrics(MetricsServer server, Predicate<String> condition)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 60_000_000_000L;
    String text = "";
    while (System.nanoTime() < deadline) {
      text =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (condition.test(text)) {
        return;
      }
      Thread.sleep(250);
    }
    assertTrue(condition.test(text), text);
  }
}
