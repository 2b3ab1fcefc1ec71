package io.crexporter.kube;

import io.crexporter.config.Yamls;
import io.crexporter.store.ObjectKey;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Upstream CRDs from {@code src/test/resources/kube/crds}, delivered to a catalog. */
final class TestCrds {

  private TestCrds() {}

  static Map<String, Object> read(String file) throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("src/test/resources/kube/crds", file))) {
      return Yamls.create().load(reader);
    }
  }

  /** Delivers a CRD as the API server would report it, established or not yet. */
  static void install(CrdCatalog catalog, Map<String, Object> crd, boolean established) {
    crd.put(
        "status",
        Map.of(
            "conditions",
            List.of(Map.of("type", "Established", "status", established ? "True" : "False"))));
    catalog.upsert(new ObjectKey("crd/" + metadata(crd).get("name")), crd);
  }

  static void install(CrdCatalog catalog, String file) throws IOException {
    install(catalog, read(file), true);
  }

  /** Serves exactly {@code served} of the CRD's versions, and stores {@code storage}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withVersions(
      Map<String, Object> crd, String storage, String... served) {
    Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
    for (Object item : (List<Object>) spec.get("versions")) {
      Map<String, Object> version = (Map<String, Object>) item;
      version.put("served", List.of(served).contains(version.get("name")));
      version.put("storage", storage.equals(version.get("name")));
    }
    return crd;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> crd) {
    return (Map<String, Object>) crd.get("metadata");
  }
}
