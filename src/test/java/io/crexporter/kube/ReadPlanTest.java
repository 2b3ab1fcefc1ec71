package io.crexporter.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.crexporter.TestConfigs;
import io.crexporter.mapping.CompiledConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadPlanTest {

  private final CrdCatalog catalog = new CrdCatalog(() -> {});

  private static final CompiledConfig KPACK_AND_EVERY_KIND =
      TestConfigs.compile(
          """
          resources:
            - group: kpack.io
              kind: "*"
              metrics: [{name: kpack_any_info, type: info}]
            - group: kpack.io
              version: v1alpha1
              kind: Build
              namespaces: [ci]
              metrics: [{name: kpack_build_info, type: info}]
            - group: contoso.com
              kind: "*"
              metrics: [{name: contoso_info, type: info}]
          """);

  /** Each planned kind as "group|kind version: paths" or "... unavailable: reason". */
  private static Map<String, String> kinds(ReadPlan plan) {
    Map<String, String> kinds = new LinkedHashMap<>();
    plan.kinds()
        .forEach(
            (key, planned) -> {
              String where =
                  planned.resolution() instanceof Resolution.Watch watch
                      ? watch.targets().stream().map(ResourceTarget::path).toList().toString()
                      : ((Resolution.Unavailable) planned.resolution()).reason();
              kinds.put(planned.id().groupKind() + " " + planned.resolution().version(), where);
            });
    return kinds;
  }

  @Test
  void aKindWithItsOwnEntryIsReadOnceAsThatEntrySays() throws IOException {
    TestCrds.install(catalog, "builds.kpack.io.yaml");
    TestCrds.install(catalog, "images.kpack.io.yaml");
    ReadPlan plan =
        ReadPlan.of(
            KPACK_AND_EVERY_KIND,
            Optional.of(catalog),
            ApiDiscovery.Snapshot.NONE,
            Resolution.Namespaces.UNKNOWN);
    assertEquals(
        Map.of(
            "kpack.io|Build v1alpha1", "[/apis/kpack.io/v1alpha1/namespaces/ci/builds]",
            "kpack.io|Image v1alpha2", "[/apis/kpack.io/v1alpha2/images]"),
        kinds(plan));
    assertEquals(List.of("kpack.io|Build", "kpack.io|Image"), List.copyOf(plan.kinds().keySet()));
    assertEquals(
        List.of("/apis/kpack.io/v1alpha1/namespaces/ci/builds", "/apis/kpack.io/v1alpha2/images"),
        plan.targets().stream().map(ResourceTarget::path).toList());
  }

  @Test
  void aWildcardThatMatchesNoCrdPlansNoKindAndSaysWhy() throws IOException {
    TestCrds.install(catalog, "images.kpack.io.yaml");
    ReadPlan plan =
        ReadPlan.of(
            KPACK_AND_EVERY_KIND,
            Optional.of(catalog),
            ApiDiscovery.Snapshot.NONE,
            Resolution.Namespaces.UNKNOWN);
    assertEquals(
        Map.of(
            "contoso.com|*",
            "every kind of contoso.com: no established CustomResourceDefinition of the group yet;"
                + " waiting for one"),
        plan.idle());
    assertEquals(
        Map.of(
            "kpack.io|Build v1alpha1",
            "Build.kpack.io/v1alpha1: not served by the API server (no"
                + " CustomResourceDefinition, built-in or aggregated API has this kind)",
            "kpack.io|Image v1alpha2",
            "[/apis/kpack.io/v1alpha2/images]"),
        kinds(plan));
  }

  @Test
  void withoutCrdsAWildcardReadsNothingAndSaysWhy() {
    // discovery has the kind: it is read as discovery says, at the version the mapping names
    ReadPlan plan =
        ReadPlan.of(
            KPACK_AND_EVERY_KIND,
            Optional.empty(),
            TestDiscovery.of(
                new ApiDiscovery.ServedKind("kpack.io", "v1alpha2", "Build", "builds", true, true),
                new ApiDiscovery.ServedKind("kpack.io", "v1alpha1", "Build", "builds", true, true)),
            Resolution.Namespaces.UNKNOWN);
    assertEquals(
        Map.of("kpack.io|Build v1alpha1", "[/apis/kpack.io/v1alpha1/namespaces/ci/builds]"),
        kinds(plan));
    assertEquals(
        "every kind of kpack.io: CustomResourceDefinitions cannot be listed to find its kinds, so"
            + " none is read",
        plan.idle().get("kpack.io|*"));
    assertEquals(
        List.of("contoso.com|*", "kpack.io|*"), plan.idle().keySet().stream().sorted().toList());
  }
}
