package io.crexporter.kube;

import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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
      return new Watch(
          id.version(), targets(id, id.version(), id.pluralOrDefault(), true, selection));
    }
    Optional<CrdCatalog.Crd> found = catalog.get().find(id.group(), id.kind());
    if (found.isEmpty()) {
      return new Unavailable(id.version(), id + ": CustomResourceDefinition not installed");
    }
    return resolve(id, found.get(), selection);
  }

  /**
   * The kinds a mapping of every kind of a group reads now, in kind order: each established CRD of
   * the group that serves the mapping's version, or, when it names none, at the CRD's storage
   * version. Empty when no CRD matches.
   */
  static SortedMap<String, Resolution> expand(
      ResourceId anyKind, Selection selection, CrdCatalog catalog) {
    SortedMap<String, Resolution> kinds = new TreeMap<>();
    for (CrdCatalog.Crd crd : catalog.inGroup(anyKind.group())) {
      if (!anyKind.hasVersion() || crd.servedVersions().contains(anyKind.version())) {
        kinds.put(crd.kind(), resolve(anyKind.withKind(crd.kind()), crd, selection));
      }
    }
    return kinds;
  }

  private static Resolution resolve(ResourceId id, CrdCatalog.Crd crd, Selection selection) {
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
