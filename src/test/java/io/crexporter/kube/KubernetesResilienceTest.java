package io.crexporter.kube;

import static io.crexporter.kube.KubernetesLifecycleTest.build;
import static io.crexporter.kube.KubernetesLifecycleTest.count;
import static io.crexporter.kube.KubernetesLifecycleTest.statusLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1PolicyRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter against a real API server when things go wrong or are restricted: watches cut off or
 * too old to resume, missing permissions, selections, and mapping files edited while running.
 */
class KubernetesResilienceTest {

  @TempDir Path dir;
  private LocalKubeApiServer api;

  @AfterEach
  void stopApiServer() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void resumesCutWatchesAndListsAgainOnlyWhenTheVersionIsGone() throws Exception {
    // served from etcd, compacted every 5 s: a watch held off for longer is too old to resume
    api =
        LocalKubeApiServer.start(
            dir.resolve("kube"), Map.of(), "--watch-cache=false --etcd-compaction-interval=5s");
    api.installCrd("builds.kpack.io.yaml");
    for (int i = 1; i <= 5; i++) {
      api.create("builds", build("b" + i, "Unknown"));
    }
    try (TcpProxy proxy = new TcpProxy(api.port());
        RunningExporter exporter =
            new RunningExporter(
                Path.of("config/kpack.yaml"), api.kubeconfigThrough(proxy.port()))) {
      // the list's objects show before the list is counted and the watch opens: wait for both
      String start =
          exporter.await(
              "5 builds, listed and watched",
              text ->
                  count(text, "kpack_build_info{") == 5
                      && lists(text, "Build") == 1
                      && counter(text, "watches_total", "Build") >= 1);

      // cut off: the watch resumes from where it was, without a new list
      proxy.cut(false);
      api.replaceStatus("kpack.io", "v1alpha2", "builds", "default", "b1", condition("True"));
      String resumed = exporter.awaitLine(statusLine("b1", "True"));
      assertEquals(lists(start, "Build"), lists(resumed, "Build"), "resumed, not listed again");
      exporter.await(
          "a second watch",
          text ->
              counter(text, "watches_total", "Build") > counter(start, "watches_total", "Build"));

      // held off while much changes and etcd compacts: the watch is too old, a new list settles it
      double listsBefore = lists(exporter.get("/metrics"), "Build");
      proxy.cut(true);
      api.delete("kpack.io", "v1alpha2", "builds", "default", "b2");
      api.create("builds", build("b6", "False"));
      for (int i = 0; i < 30; i++) {
        api.replaceStatus(
            "kpack.io",
            "v1alpha2",
            "builds",
            "default",
            "b3",
            condition(i % 2 == 0 ? "True" : "False"));
      }
      Thread.sleep(12_000);
      proxy.allow();
      String text =
          exporter.await(
              Duration.ofSeconds(60),
              "the state after the gap",
              t ->
                  !t.contains("name=\"b2\"")
                      && t.contains(statusLine("b6", "False"))
                      && t.contains(statusLine("b3", "False"))
                      // counted once the new list is wholly delivered
                      && lists(t, "Build") > listsBefore);
      assertEquals(5, count(text, "kpack_build_info{"), text);
      assertEquals(15, count(text, "kpack_build_status{"), text);
      assertFalse(text.contains("custom_resource_exporter_duplicate_series{"), text);
    }
  }

  @Test
  void aResourceWithoutPermissionIsReportedDownAndTheOthersAreServed() throws Exception {
    api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of("limited", "limited-token"));
    Path config = buildAndGitRepository("hidden");
    api.grant(
        "limited",
        new V1PolicyRule()
            .apiGroups(List.of("apiextensions.k8s.io"))
            .resources(List.of("customresourcedefinitions"))
            .verbs(List.of("list", "watch")),
        new V1PolicyRule()
            .apiGroups(List.of("source.toolkit.fluxcd.io"))
            .resources(List.of("gitrepositories"))
            .verbs(List.of("list", "watch")));
    try (RunningExporter exporter =
        new RunningExporter(config, api.kubeconfigFor("limited", "limited-token"))) {
      String text =
          exporter.awaitLine(
              "flux_git_repository_status{name=\"podinfo\",namespace=\"default\",status=\"True\","
                  + "type=\"Ready\"} 1.0");
      exporter.awaitLine(
          "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Build\","
              + "version=\"v1alpha2\"} 0.0");
      assertEquals("ready\n", exporter.get("/readyz"));
      assertFalse(text.contains("kpack_build_info{"), text);
      // up once the list is wholly delivered, which may be after its first objects show
      exporter.awaitLine(
          "custom_resource_exporter_resource_up{group=\"source.toolkit.fluxcd.io\","
              + "kind=\"GitRepository\",version=\"v1\"} 1.0");
    }
  }

  @Test
  void namespacesAndSelectorsRestrictWhatIsExported() throws Exception {
    api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of());
    api.installCrd("builds.kpack.io.yaml");
    api.createNamespace("team-a");
    api.createNamespace("team-b");
    api.create("builds", labelled(build("a-prod", null), "team-a", "prod"));
    api.create("builds", labelled(build("a-dev", null), "team-a", "dev"));
    api.create("builds", labelled(build("b-prod", null), "team-b", "prod"));
    api.create("builds", labelled(build("a-prod-skipped", null), "team-a", "prod"));
    try (RunningExporter exporter =
        new RunningExporter(
            Path.of("src/test/resources/kube/mappings/kpack-selected.yaml"), api.kubeconfig())) {
      String text =
          exporter.awaitLine("kpack_build_info{name=\"a-prod\",namespace=\"team-a\"} 1.0");
      api.create("builds", labelled(build("a-prod-2", null), "team-a", "prod"));
      api.create("builds", labelled(build("b-prod-2", null), "team-b", "prod"));
      text = exporter.awaitLine("kpack_build_info{name=\"a-prod-2\",namespace=\"team-a\"} 1.0");
      assertEquals(2, count(text, "kpack_build_info{"), text);
    }
  }

  @Test
  void mappingEditsApplyWithoutRelistingOtherKindsAndBrokenEditsAreRejected() throws Exception {
    api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of());
    Path config = buildAndGitRepository("edited");
    Path kpack = config.resolve("kpack.yaml");
    try (RunningExporter exporter = new RunningExporter(config, api.kubeconfig())) {
      exporter.awaitLine(statusLine("edited", "True"));
      String before = exporter.await("flux listed", text -> lists(text, "GitRepository") == 1);
      double gitListsBefore = lists(before, "GitRepository");

      Files.writeString(
          kpack,
          Files.readString(kpack).replace("name: created_timestamp_seconds", "name: born_seconds"));
      exporter.exporter().reloadConfig();
      // one scrape may read the new family before the old one is gone: wait for both
      String after =
          exporter.await(
              "born_seconds instead of created_timestamp_seconds",
              text ->
                  text.lines()
                          .noneMatch(l -> l.startsWith("kpack_build_created_timestamp_seconds{"))
                      && text.contains("\nkpack_build_born_seconds{name=\"edited\""));
      assertEquals(
          gitListsBefore, lists(after, "GitRepository"), "GitRepositories not listed again");
      assertTrue(after.contains("custom_resource_exporter_config_last_reload_successful 1.0"));

      Files.writeString(
          kpack, Files.readString(kpack).replace("type: stateset", "type: histogram"));
      exporter.exporter().reloadConfig();
      String rejected =
          exporter.awaitLine("custom_resource_exporter_config_last_reload_successful 0.0");
      assertTrue(rejected.contains(statusLine("edited", "True")), "the previous mapping serves");
      assertTrue(rejected.contains("\nkpack_build_born_seconds{name=\"edited\""), rejected);
    }
  }

  /**
   * Installs the Build and GitRepository CRDs with one object each, and returns a mapping directory
   * with copies of the shipped kpack and Flux mappings.
   */
  private Path buildAndGitRepository(String buildName) throws Exception {
    api.installCrd("builds.kpack.io.yaml");
    api.installCrd("source.toolkit.fluxcd.io_gitrepositories.yaml");
    api.create("builds", build(buildName, "True"));
    api.create(
        "gitrepositories",
        LocalKubeApiServer.manifest(Path.of("examples/flux/gitrepository-ready.yaml")));
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.copy(Path.of("config/kpack.yaml"), config.resolve("kpack.yaml"));
    Files.copy(Path.of("config/flux.yaml"), config.resolve("flux.yaml"));
    return config;
  }

  private static Map<String, Object> condition(String status) {
    return Map.of(
        "conditions", List.of(Map.of("type", "Succeeded", "status", status, "reason", "Test")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labelled(Map<String, Object> build, String ns, String tier) {
    build.put(
        "metadata",
        Map.of(
            "name",
            ((Map<String, Object>) build.get("metadata")).get("name"),
            "namespace",
            ns,
            "labels",
            Map.of("tier", tier)));
    return build;
  }

  /** Lists completed so far for one kind, from the exporter's self-metrics. */
  private static double lists(String text, String kind) {
    return counter(text, "lists_total", kind);
  }

  /** A per-kind counter of the exporter's self-metrics, such as {@code lists_total}. */
  static double counter(String text, String name, String kind) {
    Matcher matcher =
        Pattern.compile(
                "custom_resource_exporter_"
                    + name
                    + "\\{group=\"[^\"]*\",kind=\""
                    + kind
                    + "\",version=\"[^\"]*\"} ([0-9.]+)")
            .matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}
