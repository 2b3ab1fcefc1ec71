package io.crexporter.kube;

import static io.crexporter.kube.KubernetesLifecycleTest.build;
import static io.crexporter.kube.KubernetesLifecycleTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
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
 * A CRD that gains a new storage version while it is read, and readiness while a configuration
 * reload adds a kind with many objects.
 */
class KubernetesVersionsAndReadinessTest {

  private static final Path VERSIONS = Path.of("src/test/resources/kube/versions");
  private static final String UP = "custom_resource_exporter_resource_up{group=\"example.com\"";

  @RegisterExtension final ApiServerPerTest server = new ApiServerPerTest();
  private LocalKubeApiServer api;

  @BeforeEach
  void useApiServer() {
    api = server.api();
  }

  @Test
  void aNewStorageVersionIsReadWithEveryObjectOnce() throws Exception {
    api.installCrd(LocalKubeApiServer.manifest(VERSIONS.resolve("widgets.example.com-v1.yaml")));
    for (String colour : List.of("red", "green", "blue")) {
      api.create("widgets", widget(colour));
    }
    try (RunningExporter exporter =
        new RunningExporter(
            Path.of("src/test/resources/kube/mappings/widgets.yaml"), api.kubeconfig())) {
      awaitLines(exporter, "widget_", widgetLines("v1", "True"));
      awaitLines(exporter, UP, UP + ",kind=\"Widget\",version=\"v1\"} 1.0");

      api.replaceCrd(LocalKubeApiServer.manifest(VERSIONS.resolve("widgets.example.com-v2.yaml")));
      awaitLines(exporter, UP, UP + ",kind=\"Widget\",version=\"v2\"} 1.0");
      awaitLines(exporter, "widget_", widgetLines("v2", "True"));

      // read at v2 now: a change made there shows
      api.replaceStatus("example.com", "v2", "widgets", "default", "red", ready("False"));
      String text =
          exporter.awaitLine(
              "widget_status{name=\"red\",namespace=\"default\",status=\"False\",type=\"Ready\"}"
                  + " 1.0");
      assertEquals(3, count(text, "widget_info{"), text);
      assertEquals(6, count(text, "widget_status{"), text);
      assertFalse(text.contains("custom_resource_exporter_duplicate_series{"), text);
    }
  }

  /**
   * Readiness, once reached, does not drop while a reload adds a kind with 1,000 objects to list: a
   * pod that went unready would take every series out of its Service.
   */
  @Test
  void readinessHoldsThroughAReloadThatAddsAThousandObjects() throws Exception {
    api.installCrd("builds.kpack.io.yaml");
    api.installCrd("source.toolkit.fluxcd.io_gitrepositories.yaml");
    for (int i = 1; i <= 3; i++) {
      api.create("builds", build("build-" + i, "True"));
    }
    Path config = Files.createDirectories(server.dir().resolve("config"));
    Files.copy(Path.of("config/kpack.yaml"), config.resolve("kpack.yaml"));
    int objects = 1000;
    try (RunningExporter exporter = new RunningExporter(config, api.kubeconfig())) {
      exporter.awaitReady("ready with kpack only");
      api.createAll("gitrepositories", gitRepositories(objects));

      ReadinessProber prober = new ReadinessProber(exporter);
      try {
        Thread.sleep(500);
        Files.copy(Path.of("config/flux.yaml"), config.resolve("flux.yaml"));
        exporter.exporter().reloadConfig();
        exporter.await(
            Duration.ofSeconds(120),
            objects + " GitRepositories",
            text -> count(text, "flux_git_repository_info{") == objects);
        prober.assertAlwaysReady();
      } finally {
        prober.close();
      }
    }
  }

  private static Map<String, Object> widget(String name) {
    Map<String, Object> widget = new LinkedHashMap<>();
    widget.put("apiVersion", "example.com/v1");
    widget.put("kind", "Widget");
    widget.put("metadata", Map.of("name", name, "namespace", "default"));
    widget.put("spec", Map.of("colour", name));
    widget.put("status", ready("True"));
    return widget;
  }

  private static Map<String, Object> ready(String status) {
    return Map.of("conditions", List.of(Map.of("type", "Ready", "status", status)));
  }

  /** The series of the three widgets read at {@code version}, all with one Ready status. */
  private static String[] widgetLines(String version, String status) {
    List<String> lines = new ArrayList<>();
    for (String name : List.of("red", "green", "blue")) {
      String identity = "name=\"" + name + "\",namespace=\"default\"";
      lines.add(
          "widget_info{api_version=\"example.com/"
              + version
              + "\",colour=\""
              + name
              + "\","
              + identity
              + "} 1.0");
      for (String state : List.of("True", "False")) {
        lines.add(
            "widget_status{"
                + identity
                + ",status=\""
                + state
                + "\",type=\"Ready\"} "
                + (state.equals(status) ? "1.0" : "0.0"));
      }
    }
    return lines.toArray(String[]::new);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> gitRepositories(int count) throws Exception {
    Map<String, Object> example =
        LocalKubeApiServer.manifest(Path.of("examples/flux/gitrepository-ready.yaml"));
    List<Map<String, Object>> repositories = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> repository = new LinkedHashMap<>(example);
      Map<String, Object> metadata =
          new LinkedHashMap<>((Map<String, Object>) example.get("metadata"));
      metadata.put("name", "repository-" + i);
      repository.put("metadata", metadata);
      repositories.add(repository);
    }
    return repositories;
  }

  /** Waits until the sample lines that start with {@code prefix} are exactly {@code expected}. */
  private static String awaitLines(RunningExporter exporter, String prefix, String... expected)
      throws Exception {
    List<String> wanted = List.of(expected).stream().sorted().toList();
    return exporter.await(
        prefix + "* exactly " + wanted,
        text ->
            text.lines().filter(line -> line.startsWith(prefix)).sorted().toList().equals(wanted));
  }
}
