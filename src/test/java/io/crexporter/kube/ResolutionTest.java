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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolutionTest {

  private static final ApiDiscovery.Snapshot NO_DISCOVERY = ApiDiscovery.Snapshot.NONE;

  private final AtomicInteger changes = new AtomicInteger();
  private final CrdCatalog catalog = new CrdCatalog(changes::incrementAndGet);

  /** Installs an upstream CRD as the API server would report it. */
  private void install(String file, boolean established) throws IOException {
    TestCrds.install(catalog, TestCrds.read(file), established);
  }

  /** A kind whose namespaces, if selected by label, are not known yet. */
  private static Resolution resolve(
      ResourceId id,
      Selection selection,
      Optional<CrdCatalog> catalog,
      ApiDiscovery.Snapshot discovered) {
    return resolve(
        id, new Resolution.Wanted(selection, Resolution.Namespaces.UNKNOWN), catalog, discovered);
  }

  private static Resolution resolve(
      ResourceId id,
      Resolution.Wanted wanted,
      Optional<CrdCatalog> catalog,
      ApiDiscovery.Snapshot discovered) {
    return Resolution.resolve(id, wanted, catalog, discovered);
  }

  private static java.util.SortedMap<String, Resolution> expand(
      ResourceId anyKind, Selection selection, CrdCatalog catalog) {
    return Resolution.expand(
        anyKind, new Resolution.Wanted(selection, Resolution.Namespaces.UNKNOWN), catalog);
  }

  private static ResourceId id(String group, String version, String kind, String plural) {
    return new ResourceId(group, version, kind, plural);
  }

  @Test
  void discoversTheStorageVersionPluralAndScope() throws IOException {
    install("builds.kpack.io.yaml", true);
    Resolution resolution =
        resolve(id("kpack.io", "", "Build", ""), Selection.ALL, Optional.of(catalog), NO_DISCOVERY);
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
            resolve(
                id("source.toolkit.fluxcd.io", "v1", "GitRepository", ""),
                selection,
                Optional.of(catalog),
                NO_DISCOVERY));
    assertEquals(
        List.of(
            "/apis/source.toolkit.fluxcd.io/v1/namespaces/apps/gitrepositories",
            "/apis/source.toolkit.fluxcd.io/v1/namespaces/ci/gitrepositories"),
        paths(watch));
    assertEquals("team=web", watch.targets().get(0).labelSelector());
    assertEquals("metadata.name=x", watch.targets().get(1).fieldSelector());
  }

  @Test
  void readsTheNamespacesASelectorMatchesOnceKnown() throws IOException {
    install("source.toolkit.fluxcd.io_gitrepositories.yaml", true);
    install("builds.kpack.io.yaml", true);
    ResourceId repos = id("source.toolkit.fluxcd.io", "v1", "GitRepository", "");
    Selection byLabel = new Selection(List.of(), "team=web", "", "env in (prod)");
    Map<String, List<String>> known = Map.of("env in (prod)", List.of("shop", "web"));
    Resolution.Namespaces namespaces = selector -> Optional.ofNullable(known.get(selector));
    Resolution.Watch watch =
        assertInstanceOf(
            Resolution.Watch.class,
            resolve(
                repos,
                new Resolution.Wanted(byLabel, namespaces),
                Optional.of(catalog),
                NO_DISCOVERY));
    assertEquals(
        List.of(
            "/apis/source.toolkit.fluxcd.io/v1/namespaces/shop/gitrepositories",
            "/apis/source.toolkit.fluxcd.io/v1/namespaces/web/gitrepositories"),
        paths(watch));
    assertEquals("team=web", watch.targets().get(0).labelSelector());
    // with a list of namespaces too: those of the list that match
    Selection both = new Selection(List.of("web", "other"), "", "", "env in (prod)");
    assertEquals(
        List.of("/apis/source.toolkit.fluxcd.io/v1/namespaces/web/gitrepositories"),
        paths(
            assertInstanceOf(
                Resolution.Watch.class,
                resolve(
                    repos,
                    new Resolution.Wanted(both, namespaces),
                    Optional.of(catalog),
                    NO_DISCOVERY))));
    // no namespace matches: nothing to read, which is not a failure
    Resolution.Namespaces none = selector -> Optional.of(List.of());
    assertEquals(
        List.of(),
        paths(
            assertInstanceOf(
                Resolution.Watch.class,
                resolve(
                    repos,
                    new Resolution.Wanted(byLabel, none),
                    Optional.of(catalog),
                    NO_DISCOVERY))));
    // not listed yet: the kind waits
    Resolution.Unavailable waiting =
        assertInstanceOf(
            Resolution.Unavailable.class,
            resolve(
                repos,
                new Resolution.Wanted(byLabel, Resolution.Namespaces.UNKNOWN),
                Optional.of(catalog),
                NO_DISCOVERY));
    assertEquals(
        repos + ": the namespaces with labels env in (prod) cannot be listed", waiting.reason());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aClusterScopedKindHasNoNamespacesToSelect() throws IOException {
    Map<String, Object> crd = TestCrds.read("builds.kpack.io.yaml");
    ((Map<String, Object>) crd.get("spec")).put("scope", "Cluster");
    TestCrds.install(catalog, crd, true);
    Selection byLabel = new Selection(List.of(), "", "", "env=prod");
    Resolution.Watch watch =
        assertInstanceOf(
            Resolution.Watch.class,
            resolve(
                id("kpack.io", "", "Build", ""),
                new Resolution.Wanted(byLabel, Resolution.Namespaces.UNKNOWN),
                Optional.of(catalog),
                NO_DISCOVERY));
    assertEquals(List.of("/apis/kpack.io/v1alpha2/builds"), paths(watch));
  }

  @Test
  void reportsAMissingCrdAndAVersionThatIsNotServed() throws IOException {
    Resolution missing =
        resolve(id("kpack.io", "", "Image", ""), Selection.ALL, Optional.of(catalog), NO_DISCOVERY);
    assertEquals(
        "Image.kpack.io: not served by the API server (no CustomResourceDefinition, built-in or"
            + " aggregated API has this kind)",
        assertInstanceOf(Resolution.Unavailable.class, missing).reason());
    install("images.kpack.io.yaml", true);
    Resolution unserved =
        resolve(
            id("kpack.io", "v9", "Image", ""), Selection.ALL, Optional.of(catalog), NO_DISCOVERY);
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
  void withoutCrdAccessOrDiscoveryReadsOnlyMappingsThatNameTheirVersion() {
    ApiDiscovery.Snapshot failed =
        new ApiDiscovery.Snapshot(
            Map.of(), Map.of(), Map.of("kpack.io", "discovery failed: HTTP 503"), Set.of(), 1);
    Resolution named =
        resolve(id("kpack.io", "v1alpha2", "Build", ""), Selection.ALL, Optional.empty(), failed);
    assertEquals(
        List.of("/apis/kpack.io/v1alpha2/builds"),
        paths(assertInstanceOf(Resolution.Watch.class, named)));
    Resolution unnamed =
        resolve(id("kpack.io", "", "Build", ""), Selection.ALL, Optional.empty(), failed);
    assertEquals(
        "Build.kpack.io: discovery failed: HTTP 503",
        assertInstanceOf(Resolution.Unavailable.class, unnamed).reason());
  }

  @Test
  void aDeletedCrdIsWaitedForEvenWhileDiscoveryStillListsItsKind() throws IOException {
    install("builds.kpack.io.yaml", true);
    catalog.delete(new ObjectKey("crd/builds.kpack.io"));
    ApiDiscovery.Snapshot stale =
        TestDiscovery.of(
            new ApiDiscovery.ServedKind("kpack.io", "v1alpha2", "Build", "builds", true, true));
    assertEquals(
        "Build.kpack.io: CustomResourceDefinition not installed",
        assertInstanceOf(
                Resolution.Unavailable.class,
                resolve(
                    id("kpack.io", "", "Build", ""), Selection.ALL, Optional.of(catalog), stale))
            .reason());
  }

  /** Kinds that no CRD defines, read as discovery lists them; one row per case. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          preferred version, core  | ''    | ''      | ConfigMap  | /api/v1/configmaps
          preferred version, group | apps  | ''      | Deployment | /apis/apps/v1/deployments
          named version            | apps  | v1beta2 | Deployment | /apis/apps/v1beta2/deployments
          named namespace          | batch | ''      | Job        | /apis/batch/v1/namespaces/ci/jobs
          cluster-scoped, no ns    | ''    | ''      | Namespace  | /api/v1/namespaces
          aggregated API           | metrics.k8s.io | '' | PodMetrics | /apis/metrics.k8s.io/v1beta1/pods
          version not served       | apps  | v9      | Deployment | version v9 is not served; served: [v1, v1beta2]
          not listable             | authentication.k8s.io | '' | TokenReview | the API server does not offer list and watch on it
          unknown kind             | apps  | ''      | Gadget     | not served by the API server (no CustomResourceDefinition, built-in or aggregated API has this kind)
          group that failed        | custom.metrics.k8s.io | '' | MetricValueList | discovery of /apis/custom.metrics.k8s.io/v1beta1 failed: HTTP 503
          """)
  void kindsOutsideCrdsAreReadAsDiscoveryLists(
      String name, String group, String version, String kind, String expected) {
    ApiDiscovery.Snapshot discovered =
        new ApiDiscovery.Snapshot(
            Map.of(),
            Map.of(
                "",
                List.of(
                    new ApiDiscovery.ServedKind("", "v1", "ConfigMap", "configmaps", true, true),
                    new ApiDiscovery.ServedKind("", "v1", "Namespace", "namespaces", false, true)),
                "apps",
                List.of(
                    new ApiDiscovery.ServedKind(
                        "apps", "v1", "Deployment", "deployments", true, true),
                    new ApiDiscovery.ServedKind(
                        "apps", "v1beta2", "Deployment", "deployments", true, true)),
                "batch",
                List.of(new ApiDiscovery.ServedKind("batch", "v1", "Job", "jobs", true, true)),
                "metrics.k8s.io",
                List.of(
                    new ApiDiscovery.ServedKind(
                        "metrics.k8s.io", "v1beta1", "PodMetrics", "pods", true, true)),
                "authentication.k8s.io",
                List.of(
                    new ApiDiscovery.ServedKind(
                        "authentication.k8s.io",
                        "v1",
                        "TokenReview",
                        "tokenreviews",
                        false,
                        false))),
            Map.of(
                "custom.metrics.k8s.io",
                "discovery of /apis/custom.metrics.k8s.io/v1beta1 failed: HTTP 503"),
            Set.of(),
            1);
    Selection selection =
        name.equals("named namespace") || name.equals("cluster-scoped, no ns")
            ? new Selection(List.of("ci"), "", "")
            : Selection.ALL;
    Resolution resolution =
        resolve(id(group, version, kind, ""), selection, Optional.of(catalog), discovered);
    String actual =
        resolution instanceof Resolution.Watch watch
            ? String.join(",", paths(watch))
            : ((Resolution.Unavailable) resolution)
                .reason()
                .substring(id(group, version, kind, "").toString().length() + 2);
    assertEquals(expected, actual);
  }

  @Test
  void everyKindExpandsToEachCrdOfTheGroupAtItsStorageVersion() throws IOException {
    install("builds.kpack.io.yaml", true);
    install("images.kpack.io.yaml", true);
    install("source.toolkit.fluxcd.io_gitrepositories.yaml", true);
    Map<String, Resolution> kinds =
        expand(id("kpack.io", "", "*", ""), new Selection(List.of("ci"), "team=web", ""), catalog);
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
        pathsByKind(expand(id("kpack.io", "v1alpha1", "*", ""), Selection.ALL, catalog)));
    assertEquals(Map.of(), expand(id("kpack.io", "v9", "*", ""), Selection.ALL, catalog));
    assertEquals(Map.of(), expand(id("contoso.com", "", "*", ""), Selection.ALL, catalog));
  }

  @Test
  void everyKindFollowsCrdsAddedChangedAndDeleted() throws IOException {
    ResourceId anyKind = id("kpack.io", "", "*", "");
    install("images.kpack.io.yaml", false);
    assertEquals(Map.of(), expand(anyKind, Selection.ALL, catalog));
    install("images.kpack.io.yaml", true);
    assertEquals(
        Map.of("Image", List.of("/apis/kpack.io/v1alpha2/images")),
        pathsByKind(expand(anyKind, Selection.ALL, catalog)));
    TestCrds.install(
        catalog,
        TestCrds.withVersions(
            TestCrds.read("images.kpack.io.yaml"), "v1alpha1", "v1alpha1", "v1alpha2"),
        true);
    assertEquals(
        Map.of("Image", List.of("/apis/kpack.io/v1alpha1/images")),
        pathsByKind(expand(anyKind, Selection.ALL, catalog)));
    catalog.delete(new ObjectKey("crd/images.kpack.io"));
    assertEquals(Map.of(), expand(anyKind, Selection.ALL, catalog));
  }

  @Test
  void aKindWithoutVersionFollowsAChangeOfStorageVersion() throws IOException {
    install("builds.kpack.io.yaml", true);
    ResourceId build = id("kpack.io", "", "Build", "");
    assertEquals(
        "v1alpha2", resolve(build, Selection.ALL, Optional.of(catalog), NO_DISCOVERY).version());
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
                resolve(build, Selection.ALL, Optional.of(catalog), NO_DISCOVERY))));
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
