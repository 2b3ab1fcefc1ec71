package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.crexporter.app.Exporter;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NamespaceSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.util.PatchUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code namespaceSelector} on the local API server: only the Builds of namespaces labelled {@code
 * env=prod} are read, and the set follows namespaces as they are created, relabelled and deleted.
 */
class NamespaceSelectorOnApiServerTest {

  private static final Pattern BUILD =
      Pattern.compile("test_build_info\\{name=\"([^\"]+)\",namespace=\"([^\"]+)\"} 1.0");
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private LocalKubeApiServer api;

  @Test
  void followsNamespacesAsTheyAreCreatedRelabelledAndDeleted() throws Exception {
    try (LocalKubeApiServer server = LocalKubeApiServer.start(dir.resolve("kube"), Map.of())) {
      prodAndDevWithABuildEach(server);
      namespace("team-c", Map.of());
      build("team-c", "b1");
      try (Exporter exporter = start()) {
        // ready only once the namespaces, and the Builds in them, have been listed
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (!exporter.notReady().isEmpty()) {
          if (System.nanoTime() > deadline) {
            fail("not ready within " + CONVERGE);
          }
          Thread.sleep(20);
        }
        assertEquals(
            Set.of("team-a/b1"),
            builds(ScriptedExporter.text(exporter)),
            "ready before the Builds of the selected namespaces were read");
        await(exporter, Set.of("team-a/b1"), "only the namespace labelled env=prod");

        // a new namespace that matches, and a Build made in it afterwards
        namespace("team-d", Map.of("env", "prod"));
        build("team-d", "b1");
        build("team-a", "b2");
        await(exporter, Set.of("team-a/b1", "team-a/b2", "team-d/b1"), "a namespace created");

        // relabelled into and out of the selection
        labels("team-b", "{\"metadata\":{\"labels\":{\"env\":\"prod\"}}}");
        await(
            exporter,
            Set.of("team-a/b1", "team-a/b2", "team-b/b1", "team-d/b1"),
            "a namespace relabelled to match");
        labels("team-a", "{\"metadata\":{\"labels\":{\"env\":null}}}");
        await(exporter, Set.of("team-b/b1", "team-d/b1"), "a namespace relabelled not to match");

        // deleted: this API server has no namespace controller, so it is finalized here
        CoreV1Api core = new CoreV1Api(api.client());
        core.deleteNamespace("team-d").execute();
        core.replaceNamespaceFinalize(
                "team-d",
                new V1Namespace()
                    .metadata(new V1ObjectMeta().name("team-d"))
                    .spec(new V1NamespaceSpec().finalizers(List.of())))
            .execute();
        await(exporter, Set.of("team-b/b1"), "a namespace deleted");
        assertTrue(
            ScriptedExporter.text(exporter)
                .contains("custom_resource_exporter_resource_up{group=\"kpack.io\""),
            "the kind stays reported");
      }
    }
  }

  /**
   * A reload that adds a namespace selector narrows what is read; one that removes it widens it.
   */
  @Test
  void aReloadAddsAndRemovesANamespaceSelector() throws Exception {
    try (LocalKubeApiServer server = LocalKubeApiServer.start(dir.resolve("kube"), Map.of())) {
      prodAndDevWithABuildEach(server);
      String selected =
          java.nio.file.Files.readString(
              Path.of("src/test/resources/kube/mappings/namespace-selector.yaml"));
      String everywhere = selected.replace("    namespaceSelector: env=prod\n", "");
      Path mappings = java.nio.file.Files.createDirectories(dir.resolve("mappings"));
      java.nio.file.Files.writeString(mappings.resolve("m.yaml"), everywhere);
      try (Exporter exporter = start(api.kubeconfig(), mappings, true)) {
        await(exporter, Set.of("team-a/b1", "team-b/b1"), "every namespace");
        java.nio.file.Files.writeString(mappings.resolve("m.yaml"), selected);
        await(exporter, Set.of("team-a/b1"), "after a reload that adds the selector");
        java.nio.file.Files.writeString(mappings.resolve("m.yaml"), everywhere);
        await(exporter, Set.of("team-a/b1", "team-b/b1"), "after a reload that removes it");
      }
    }
  }

  /**
   * Without the right to list namespaces: the kind read by namespace labels is reported as not
   * read, the pod still becomes ready, and the other kind is read as usual.
   */
  @Test
  void withoutTheRightToListNamespacesTheOtherKindsAreStillRead() throws Exception {
    Map<String, String> users = Map.of("reader", "reader-token-1");
    try (LocalKubeApiServer server = LocalKubeApiServer.start(dir.resolve("kube"), users)) {
      api = server;
      api.installCrd("builds.kpack.io.yaml");
      api.installCrd("images.kpack.io.yaml");
      namespace("team-a", Map.of("env", "prod"));
      build("team-a", "b1");
      Map<String, Object> image =
          new LinkedHashMap<>(
              LocalKubeApiServer.manifest(Path.of("examples/kpack/image-ready.yaml")));
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata =
          new LinkedHashMap<>((Map<String, Object>) image.get("metadata"));
      metadata.put("namespace", "team-a");
      image.put("metadata", metadata);
      api.create("images", image);
      api.grant(
          "reader",
          new V1PolicyRule()
              .apiGroups(List.of("kpack.io"))
              .resources(List.of("builds", "images"))
              .verbs(List.of("get", "list", "watch")),
          new V1PolicyRule()
              .apiGroups(List.of("apiextensions.k8s.io"))
              .resources(List.of("customresourcedefinitions"))
              .verbs(List.of("get", "list", "watch")));
      try (Exporter exporter = start(api.kubeconfigFor("reader", "reader-token-1"))) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (!exporter.notReady().isEmpty()
            || !ScriptedExporter.text(exporter).contains("test_image_info{")) {
          if (System.nanoTime() > deadline) {
            fail(
                "not ready, or no Image, within "
                    + CONVERGE
                    + ":\n"
                    + ScriptedExporter.text(exporter));
          }
          Thread.sleep(100);
        }
        String text = ScriptedExporter.text(exporter);
        assertEquals(Set.of(), builds(text), "no Build without its namespaces");
        assertTrue(
            text.contains(
                "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Build\",version=\"v1alpha2\"} 0.0"),
            text);
        assertTrue(
            text.contains(
                "custom_resource_exporter_resource_up{group=\"kpack.io\",kind=\"Image\",version=\"v1alpha2\"} 1.0"),
            text);
      }
    }
  }

  /** kpack's CRDs; team-a labelled env=prod, team-b env=dev, a Build b1 in each. */
  private void prodAndDevWithABuildEach(LocalKubeApiServer server) throws Exception {
    api = server;
    api.installCrd("builds.kpack.io.yaml");
    api.installCrd("images.kpack.io.yaml");
    namespace("team-a", Map.of("env", "prod"));
    namespace("team-b", Map.of("env", "dev"));
    build("team-a", "b1");
    build("team-b", "b1");
  }

  private void namespace(String name, Map<String, String> labels) throws Exception {
    new CoreV1Api(api.client())
        .createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(name).labels(labels)))
        .execute();
  }

  private void labels(String namespace, String patch) throws Exception {
    PatchUtils.patch(
        V1Namespace.class,
        () ->
            new CoreV1Api(api.client())
                .patchNamespace(namespace, new V1Patch(patch))
                .buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
        api.client());
  }

  @SuppressWarnings("unchecked")
  private void build(String namespace, String name) throws Exception {
    Map<String, Object> build =
        new LinkedHashMap<>(
            LocalKubeApiServer.manifest(Path.of("examples/kpack/build-succeeded.yaml")));
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) build.get("metadata"));
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    build.put("metadata", metadata);
    api.create("builds", build);
  }

  private Exporter start() throws Exception {
    return start(api.kubeconfig());
  }

  private Exporter start(Path kubeconfig) throws Exception {
    return start(
        kubeconfig, Path.of("src/test/resources/kube/mappings/namespace-selector.yaml"), false);
  }

  private Exporter start(Path kubeconfig, Path mappings, boolean watch) throws Exception {
    Exporter exporter =
        Exporter.create(
            new Exporter.Options(
                List.of(mappings),
                List.of(),
                watch,
                true,
                false,
                true,
                kubeconfig,
                KubeSettings.DEFAULTS,
                Sharding.NONE));
    exporter.start();
    return exporter;
  }

  /** Waits until the served Builds are exactly {@code expected} (namespace/name). */
  private static void await(Exporter exporter, Set<String> expected, String what) throws Exception {
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    Set<String> served;
    while (!(served = builds(ScriptedExporter.text(exporter))).equals(new TreeSet<>(expected))) {
      if (System.nanoTime() > deadline) {
        fail(what + ": served " + served + ", expected " + new TreeSet<>(expected));
      }
      Thread.sleep(100);
    }
    assertEquals(new TreeSet<>(expected), served);
  }

  private static Set<String> builds(String text) {
    Set<String> builds = new TreeSet<>();
    Matcher m = BUILD.matcher(text);
    while (m.find()) {
      builds.add(m.group(2) + "/" + m.group(1));
    }
    return builds;
  }
}
