package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exporter against a real API server: objects and CRDs coming and going, a restart of the
 * server, and many objects created while watching. Each test has its own server.
 */
class KubernetesLifecycleTest {

  private static final Path KPACK = Path.of("config/kpack.yaml");
  private static final Path BUILD = Path.of("examples/kpack/build-succeeded.yaml");
  private static final String SUCCEEDED =
      "kpack_build_status{name=\"tutorial-image-build-1\",namespace=\"default\",status=\"%s\","
          + "type=\"Succeeded\"} 1.0";

  @RegisterExtension final ApiServerPerTest server = new ApiServerPerTest();
  private LocalKubeApiServer api;

  @BeforeEach
  void useApiServer() {
    api = server.api();
  }

  private static Map<String, Object> condition(String status) {
    return Map.of(
        "conditions", List.of(Map.of("type", "Succeeded", "status", status, "reason", "Test")));
  }

  @Test
  void seriesAppearChangeAndDisappearWithTheirObject() throws Exception {
    api.installCrd("builds.kpack.io.yaml");
    try (RunningExporter exporter = new RunningExporter(KPACK, api.kubeconfig())) {
      exporter.awaitReady("ready");
      api.create("builds", LocalKubeApiServer.manifest(BUILD));
      exporter.awaitLine(String.format(SUCCEEDED, "True"));
      assertTrue(
          exporter.lines("kpack_build_involved_buildpacks{").size() == 7,
          "every buildpack of the build");

      api.replaceStatus(
          "kpack.io",
          "v1alpha2",
          "builds",
          "default",
          "tutorial-image-build-1",
          condition("False"));
      exporter.awaitLine(String.format(SUCCEEDED, "False"));

      api.delete("kpack.io", "v1alpha2", "builds", "default", "tutorial-image-build-1");
      String text = exporter.awaitNoLineStarting("kpack_build_");
      assertTrue(
          text.contains(
              "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Build\","
                  + "version=\"v1alpha2\"} 1.0"),
          text);
      // the Image CRD is not installed: reported, and not in the way of Builds or readiness
      assertTrue(
          text.contains(
              "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Image\","
                  + "version=\"v1alpha2\"} 0.0"),
          text);
    }
  }

  @Test
  void kindsFollowTheirCrd() throws Exception {
    Path mapping = Path.of("src/test/resources/kube/mappings/kpack-discovered.yaml");
    try (RunningExporter exporter = new RunningExporter(mapping, api.kubeconfig())) {
      exporter.awaitReady("ready without the CRD");
      exporter.awaitLine(
          "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Build\",version=\"\"} 0.0");

      api.installCrd("builds.kpack.io.yaml");
      api.create("builds", LocalKubeApiServer.manifest(BUILD));
      exporter.awaitLine(String.format(SUCCEEDED, "True"));
      exporter.awaitLine(
          "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Build\","
              + "version=\"v1alpha2\"} 1.0");
      // objects are counted at the version discovery chose
      exporter.awaitLine(
          "custom_resource_exporter_objects{group=\"kpack.io\",kind=\"Build\","
              + "version=\"v1alpha2\"} 1.0");

      api.deleteCrd("builds.kpack.io");
      exporter.awaitNoLineStarting("kpack_build_");
      exporter.awaitLine(
          "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Build\",version=\"\"} 0.0");
    }
  }

  @Test
  void recoversWhenTheApiServerRestarts() throws Exception {
    api.installCrd("builds.kpack.io.yaml");
    for (int i = 1; i <= 3; i++) {
      api.create("builds", build("restart-" + i, "Unknown"));
    }
    try (RunningExporter exporter = new RunningExporter(KPACK, api.kubeconfig())) {
      exporter.await("3 builds", text -> count(text, "kpack_build_info{") == 3);
      api.restartApiServer();
      api.replaceStatus(
          "kpack.io", "v1alpha2", "builds", "default", "restart-1", condition("True"));
      api.delete("kpack.io", "v1alpha2", "builds", "default", "restart-2");
      api.create("builds", build("restart-4", "False"));
      String text =
          exporter.await(
              Duration.ofSeconds(60),
              "the state after the restart",
              t ->
                  t.contains(statusLine("restart-1", "True"))
                      && !t.contains("name=\"restart-2\"")
                      && t.contains(statusLine("restart-4", "False")));
      assertEquals(3, count(text, "kpack_build_info{"), text);
      assertEquals(9, count(text, "kpack_build_status{"), text);
    }
  }

  @Test
  void allObjectsCreatedWhileWatchingArePresentExactlyOnce() throws Exception {
    api.installCrd("builds.kpack.io.yaml");
    int objects = 2000;
    try (RunningExporter exporter = new RunningExporter(KPACK, api.kubeconfig())) {
      exporter.awaitReady("ready");
      List<Map<String, Object>> builds = new ArrayList<>();
      for (int i = 0; i < objects; i++) {
        builds.add(build("many-" + i, null));
      }
      api.createAll("builds", builds);
      // a scrape reads each metric's lines at its own moment, so one scrape may show an object
      // in one metric and not yet in another: wait until every metric has all of them, then
      // check a scrape taken once nothing changes any more
      exporter.await(
          Duration.ofSeconds(120),
          objects + " builds",
          t ->
              count(t, "kpack_build_info{") == objects
                  && count(t, "kpack_build_created_timestamp_seconds{") == objects
                  && t.contains(
                      "custom_resource_exporter_series{metric=\"kpack_build_info\"} 2000.0"));
      String text = exporter.get("/metrics");
      assertEquals(objects, count(text, "kpack_build_info{"));
      assertEquals(objects, count(text, "kpack_build_created_timestamp_seconds{"));
      assertTrue(text.contains("\nkpack_build_objects{namespace=\"default\"} 2000.0\n"), text);
      assertTrue(
          text.contains(
              "custom_resource_exporter_objects{group=\"kpack.io\",kind=\"Build\","
                  + "version=\"v1alpha2\"} 2000.0"),
          text);
      assertTrue(!text.contains("custom_resource_exporter_duplicate_series{"), text);
    }
  }

  /** A Build with a name and, unless null, a Succeeded condition. */
  static Map<String, Object> build(String name, String succeeded) {
    Map<String, Object> build = new LinkedHashMap<>();
    build.put("apiVersion", "kpack.io/v1alpha2");
    build.put("kind", "Build");
    build.put("metadata", Map.of("name", name, "namespace", "default"));
    build.put("spec", Map.of("tags", List.of("registry.example/" + name)));
    if (succeeded != null) {
      build.put("status", condition(succeeded));
    }
    return build;
  }

  static String statusLine(String name, String status) {
    return "kpack_build_status{name=\""
        + name
        + "\",namespace=\"default\",status=\""
        + status
        + "\",type=\"Succeeded\"} 1.0";
  }

  static long count(String text, String prefix) {
    return text.lines().filter(line -> line.startsWith(prefix)).count();
  }
}
