package io.crexporter.kube;

import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where to read a mapped kind: the endpoints to list and watch, or why it cannot be read now. The
 * CRD supplies what the mapping leaves out (version: the served storage version; plural; scope).
 */
sealed interface Resolution {

  /** The version the kind is read at, empty when unknown. */
  String version();

  record Watch(String version, List<ResourceTarget> targets) implements Resolution {}

  record Unavailable(String version, String reason) implements Resolution {}

  /**
   * @param catalog the installed CRDs, or empty when they cannot be listed: then only mappings that
   *     name their version can be read, and a missing CRD shows as list errors
   */
  static Resolution resolve(ResourceId id, Selection selection, Optional<CrdCatalog> catalog) {
    if (catalog.isEmpty()) {
      if (!id.hasVersion()) {
        return new Unavailable(
            "",
            id + ": no version given and CustomResourceDefinitions cannot be listed to find one");
      }
      String plural = id.plural().isEmpty() ? ResourceId.defaultPlural(id.kind()) : id.plural();
      return new Watch(id.version(), targets(id, id.version(), plural, true, selection));
    }
    Optional<CrdCatalog.Crd> found = catalog.get().find(id.group(), id.kind());
    if (found.isEmpty()) {
      return new Unavailable(id.version(), id + ": CustomResourceDefinition not installed");
    }
    CrdCatalog.Crd crd = found.get();
    String version = id.hasVersion() ? id.version() : defaultVersion(crd);
    if (!crd.servedVersions().contains(version)) {
      return new Unavailable(
          version, id + ": version " + version + " is not served; served: " + crd.servedVersions());
    }
    return new Watch(version, targets(id, version, crd.plural(), crd.namespaced(), selection));
  }

  private static String defaultVersion(CrdCatalog.Crd crd) {
    return crd.servedVersions().contains(crd.storageVersion())
        ? crd.storageVersion()
        : crd.servedVersions().isEmpty() ? "" : crd.servedVersions().get(0);
  }

  private static List<ResourceTarget> targets(
      ResourceId id, String version, String plural, boolean namespaced, Selection selection) {
    List<String> namespaces =
        namespaced && !selection.namespaces().isEmpty() ? selection.namespaces() : List.of("");
    List<ResourceTarget> targets = new ArrayList<>();
    for (String namespace : namespaces) {
      targets.add(
          new ResourceTarget(
              id.group(),
              version,
              plural,
              id.kind(),
              namespace,
              selection.labelSelector(),
              selection.fieldSelector()));
    }
    return targets;
  }
}
