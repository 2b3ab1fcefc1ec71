package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kube-state-metrics' own end-to-end scenarios for Custom Resource State (tests/e2e), with its
 * configuration files and manifests unchanged, against a real API server.
 */
class KsmEndToEndTest {

  private static final Path E2E = Path.of("src/test/resources/ksm/e2e");

  @RegisterExtension final ApiServerPerTest server = new ApiServerPerTest();

  /**
   * TestVariableVKsDiscoveryAndResolution: started before its CRDs exist, the exporter serves a
   * kind's series once its CRD and an object appear (exactly once), a second kind's likewise, and
   * drops a deleted object's series.
   */
  @Test
  void kindsAppearWithTheirCrdsAndDeletedObjectsGo() throws Exception {
    Path dir = E2E.resolve("discovery");
    LocalKubeApiServer api = server.api();
    String platform =
        "kube_customresource_test_metric{customresource_group=\"contoso.com\","
            + "customresource_kind=\"MyPlatform\",customresource_version=\"v1alpha1\","
            + "name=\"test-dotnet-app\"}";
    String update =
        "kube_customresource_test_update_crd_metric{customresource_group=\"contoso.com\","
            + "customresource_kind=\"Update\",customresource_version=\"v1\","
            + "name=\"test-dotnet-app-update\"}";
    try (RunningExporter exporter =
        new RunningExporter(dir.resolve("crs-config.yaml"), api.kubeconfig())) {
      exporter.awaitReady("ready before any CRD exists");
      api.installCrd(LocalKubeApiServer.manifest(dir.resolve("crd.yaml")));
      api.create("myplatforms", LocalKubeApiServer.manifest(dir.resolve("cr.yaml")));
      String text = exporter.await(Duration.ofSeconds(30), platform, t -> t.contains(platform));
      assertEquals(1, occurrences(text, platform), text);

      api.installCrd(LocalKubeApiServer.manifest(dir.resolve("new-crd.yaml")));
      api.create("updates", LocalKubeApiServer.manifest(dir.resolve("new-cr.yaml")));
      api.delete("contoso.com", "v1alpha1", "myplatforms", "default", "test-dotnet-app");
      text =
          exporter.await(
              Duration.ofSeconds(30),
              update + " and no " + platform,
              t -> t.contains(update) && !t.contains(platform));
      assertEquals(List.of(update + " 1.0"), samples(text, "kube_customresource_"), text);
    }
  }

  /**
   * TestCRDInformerUpdateFuncHandler: with {@code version: "*"}, a CRD update that adds a served
   * storage version is followed, and every object, old or new, is then read at that version.
   */
  @Test
  void aWildcardVersionFollowsACrdUpdate() throws Exception {
    Path dir = E2E.resolve("crd-informer-updatefunc");
    LocalKubeApiServer api = server.api();
    try (RunningExporter exporter =
        new RunningExporter(dir.resolve("crs_config.yaml"), api.kubeconfig())) {
      exporter.awaitReady("ready before the CRD exists");
      api.installCrd(LocalKubeApiServer.manifest(dir.resolve("crd_v1alpha1.yaml")));
      api.create("applications", LocalKubeApiServer.manifest(dir.resolve("cr_v1alpha1.yaml")));
      awaitSamples(exporter, Duration.ofSeconds(30), info("v1alpha1", "test-app-alpha"));

      api.replaceCrd(LocalKubeApiServer.manifest(dir.resolve("crd_v1_v1alpha1.yaml")));
      api.create("applications", LocalKubeApiServer.manifest(dir.resolve("cr_v1.yaml")));
      awaitSamples(
          exporter,
          Duration.ofSeconds(20),
          info("v1", "test-app-alpha"),
          info("v1", "test-app-stable"));
    }
  }

  private static String info(String version, String name) {
    return "kube_customresource_test_metric_info{customresource_group=\"example.com\","
        + "customresource_kind=\"Application\",customresource_version=\""
        + version
        + "\",name=\""
        + name
        + "\"} 1.0";
  }

  private static void awaitSamples(RunningExporter exporter, Duration timeout, String... expected)
      throws Exception {
    List<String> wanted = List.of(expected).stream().sorted().toList();
    exporter.await(
        timeout, "exactly " + wanted, text -> samples(text, "kube_customresource_").equals(wanted));
  }

  private static List<String> samples(String text, String prefix) {
    return text.lines().filter(line -> line.startsWith(prefix)).sorted().toList();
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
