package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.Selection;
import io.crexporter.store.ObjectKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResolutionTest {

  private final AtomicInteger changes = new AtomicInteger();
  private final CrdCatalog catalog = new CrdCatalog(changes::incrementAndGet);

  /** Installs an upstream CRD as the API server would report it. */
  private void install(String file, boolean established) throws IOException {
    TestCrds.install(catalog, TestCrds.read(file), established);
  }

  private static ResourceId id(String group, String version, String kind, String plural) {
    return new ResourceId(group, version, kind, plural);
  }

  @Test
  void discoversTheStorageVersionPluralAndScope() throws IOException {
    install("builds.kpack.io.yaml", true);
    Resolution resolution =
        Resolution.resolve(id("kpack.io", "", "Build", ""), Selection.ALL, Optional.of(catalog));
    Resolution.Watch watch = assertInstanceOf(Resolution.Watch.class, resolution);
    assertEquals("v1alpha2", watch.version());
    assertEquals(List.of("/apis/kpack.io/v1alpha2/builds"), paths(watch));
    assertEquals(1, changes.get());
  }

  @Test
  void readsEachSelectedNamespaceWithTheSelectors() throws IOException {
    install("source.toolkit.fluxcd.io_gitrepositories.yaml", true);
    Selection selection = new Selection(List.of("apps", "ci"), "team=web", "metadata.name=x");
    Resolution.Watch watch =
        assertInstanceOf(
            Resolution.Watch.class,
            Resolution.resolve(
                id("source.toolkit.fluxcd.io", "v1", "GitRepository", ""),
                selection,
                Optional.of(catalog)));
    assertEquals(
        List.of(
            "/apis/source.toolkit.fluxcd.io/v1/namespaces/apps/gitrepositories",
            "/apis/source.toolkit.fluxcd.io/v1/namespaces/ci/gitrepositories"),
        paths(watch));
    assertEquals("team=web", watch.targets().get(0).labelSelector());
    assertEquals("metadata.name=x", watch.targets().get(1).fieldSelector());
  }

  @Test
  void reportsAMissingCrdAndAVersionThatIsNotServed() throws IOException {
    Resolution missing =
        Resolution.resolve(id("kpack.io", "", "Image", ""), Selection.ALL, Optional.of(catalog));
    assertEquals(
        "Image.kpack.io: CustomResourceDefinition not installed",
        assertInstanceOf(Resolution.Unavailable.class, missing).reason());
    install("images.kpack.io.yaml", true);
    Resolution unserved =
        Resolution.resolve(id("kpack.io", "v9", "Image", ""), Selection.ALL, Optional.of(catalog));
    assertEquals(
        "Image.kpack.io/v9: version v9 is not served; served: [v1alpha1, v1alpha2]",
        assertInstanceOf(Resolution.Unavailable.class, unserved).reason());
  }

  @Test
  void ignoresCrdsThatAreNotEstablishedAndForgetsDeletedOnes() throws IOException {
    install("builds.kpack.io.yaml", false);
    assertEquals(Optional.empty(), catalog.find("kpack.io", "Build"));
    install("builds.kpack.io.yaml", true);
    assertEquals("builds", catalog.find("kpack.io", "Build").orElseThrow().plural());
    catalog.delete(new ObjectKey("crd/builds.kpack.io"));
    assertEquals(Optional.empty(), catalog.find("kpack.io", "Build"));
  }

  @Test
  void withoutCrdAccessReadsOnlyMappingsThatNameTheirVersion() {
    Resolution named =
        Resolution.resolve(
            id("kpack.io", "v1alpha2", "Build", ""), Selection.ALL, Optional.empty());
    assertEquals(
        List.of("/apis/kpack.io/v1alpha2/builds"),
        paths(assertInstanceOf(Resolution.Watch.class, named)));
    Resolution unnamed =
        Resolution.resolve(id("kpack.io", "", "Build", ""), Selection.ALL, Optional.empty());
    assertInstanceOf(Resolution.Unavailable.class, unnamed);
  }

  @Test
  void everyKindExpandsToEachCrdOfTheGroupAtItsStorageVersion() throws IOException {
    install("builds.kpack.io.yaml", true);
    install("images.kpack.io.yaml", true);
    install("source.toolkit.fluxcd.io_gitrepositories.yaml", true);
    Map<String, Resolution> kinds =
        Resolution.expand(
            id("kpack.io", "", "*", ""), new Selection(List.of("ci"), "team=web", ""), catalog);
    assertEquals(
        Map.of(
            "Build", List.of("/apis/kpack.io/v1alpha2/namespaces/ci/builds"),
            "Image", List.of("/apis/kpack.io/v1alpha2/namespaces/ci/images")),
        pathsByKind(kinds));
    assertEquals(List.of("Build", "Image"), List.copyOf(kinds.keySet()));
    Resolution.Watch build = assertInstanceOf(Resolution.Watch.class, kinds.get("Build"));
    assertEquals("v1alpha2", build.version());
    assertEquals("Build", build.targets().get(0).kind());
    assertEquals("team=web", build.targets().get(0).labelSelector());
  }

  @Test
  void everyKindAtANamedVersionExpandsToTheCrdsThatServeIt() throws IOException {
    install("builds.kpack.io.yaml", true);
    TestCrds.install(
        catalog,
        TestCrds.withVersions(TestCrds.read("images.kpack.io.yaml"), "v1alpha2", "v1alpha2"),
        true);
    assertEquals(
        Map.of("Build", List.of("/apis/kpack.io/v1alpha1/builds")),
        pathsByKind(
            Resolution.expand(id("kpack.io", "v1alpha1", "*", ""), Selection.ALL, catalog)));
    assertEquals(
        Map.of(), Resolution.expand(id("kpack.io", "v9", "*", ""), Selection.ALL, catalog));
    assertEquals(
        Map.of(), Resolution.expand(id("contoso.com", "", "*", ""), Selection.ALL, catalog));
  }

  @Test
  void everyKindFollowsCrdsAddedChangedAndDeleted() throws IOException {
    ResourceId anyKind = id("kpack.io", "", "*", "");
    install("images.kpack.io.yaml", false);
    assertEquals(Map.of(), Resolution.expand(anyKind, Selection.ALL, catalog));
    install("images.kpack.io.yaml", true);
    assertEquals(
        Map.of("Image", List.of("/apis/kpack.io/v1alpha2/images")),
        pathsByKind(Resolution.expand(anyKind, Selection.ALL, catalog)));
    TestCrds.install(
        catalog,
        TestCrds.withVersions(
            TestCrds.read("images.kpack.io.yaml"), "v1alpha1", "v1alpha1", "v1alpha2"),
        true);
    assertEquals(
        Map.of("Image", List.of("/apis/kpack.io/v1alpha1/images")),
        pathsByKind(Resolution.expand(anyKind, Selection.ALL, catalog)));
    catalog.delete(new ObjectKey("crd/images.kpack.io"));
    assertEquals(Map.of(), Resolution.expand(anyKind, Selection.ALL, catalog));
  }

  @Test
  void aKindWithoutVersionFollowsAChangeOfStorageVersion() throws IOException {
    install("builds.kpack.io.yaml", true);
    ResourceId build = id("kpack.io", "", "Build", "");
    assertEquals(
        "v1alpha2", Resolution.resolve(build, Selection.ALL, Optional.of(catalog)).version());
    int before = changes.get();
    TestCrds.install(
        catalog,
        TestCrds.withVersions(
            TestCrds.read("builds.kpack.io.yaml"), "v1alpha1", "v1alpha1", "v1alpha2"),
        true);
    assertEquals(before + 1, changes.get(), "a new storage version is a change");
    assertEquals(
        List.of("/apis/kpack.io/v1alpha1/builds"),
        paths(
            assertInstanceOf(
                Resolution.Watch.class,
                Resolution.resolve(build, Selection.ALL, Optional.of(catalog)))));
  }

  private static Map<String, List<String>> pathsByKind(Map<String, Resolution> kinds) {
    Map<String, List<String>> paths = new TreeMap<>();
    kinds.forEach(
        (kind, resolution) ->
            paths.put(kind, paths(assertInstanceOf(Resolution.Watch.class, resolution))));
    return paths;
  }

  private static List<String> paths(Resolution.Watch watch) {
    List<String> paths = new ArrayList<>();
    watch.targets().forEach(target -> paths.add(target.path()));
    return paths;
  }
}
