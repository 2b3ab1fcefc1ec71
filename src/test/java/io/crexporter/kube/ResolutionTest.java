package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.crexporter.config.Yamls;
import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.Selection;
import io.crexporter.store.ObjectKey;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResolutionTest {

  private final AtomicInteger changes = new AtomicInteger();
  private final CrdCatalog catalog = new CrdCatalog(changes::incrementAndGet);

  /** Installs an upstream CRD as the API server would report it once established. */
  private void install(String file, boolean established) throws IOException {
    Map<String, Object> crd;
    try (Reader reader = Files.newBufferedReader(Path.of("src/test/resources/kube/crds", file))) {
      crd = Yamls.create().load(reader);
    }
    crd.put(
        "status",
        Map.of(
            "conditions",
            List.of(Map.of("type", "Established", "status", established ? "True" : "False"))));
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) crd.get("metadata");
    catalog.upsert(new ObjectKey("crd/" + metadata.get("name")), crd);
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

  private static List<String> paths(Resolution.Watch watch) {
    List<String> paths = new ArrayList<>();
    watch.targets().forEach(target -> paths.add(target.path()));
    return paths;
  }
}
