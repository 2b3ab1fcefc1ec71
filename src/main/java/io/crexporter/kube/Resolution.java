package io.crexporter.kube;

import io.crexporter.mapping.ResourceId;
import io.crexporter.mapping.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where to read a mapped kind: the endpoints to list and watch, or why it cannot be read now. A
 * kind defined by a CRD is read as its CRD says (version: the served storage version; plural;
 * scope); any other kind, built-in or from an aggregated API, as discovery says (version: the
 * group's preferred version that has the kind).
 */
sealed interface Resolution {

  /** The version the kind is read at, empty when unknown. */
  String version();

  record Watch(String version, List<ResourceTarget> targets) implements Resolution {}

  record Unavailable(String version, String reason) implements Resolution {}

  /** The namespaces whose labels match a selector now; empty while not known yet. */
  @FunctionalInterface
  interface Namespaces {
    Namespaces UNKNOWN = selector -> Optional.empty();

    Optional<List<String>> matching(String selector);
  }

  /** Where a kind is read, and in which namespaces. */
  record Wanted(Selection selection, Namespaces namespaces) {}

  /**
   * @param catalog the installed CRDs, or empty when they cannot be listed
   * @param discovered what discovery found of the kind's group
   */
  static Resolution resolve(
      ResourceId id,
      Wanted selection,
      Optional<CrdCatalog> catalog,
      ApiDiscovery.Snapshot discovered) {
    if (catalog.isPresent()) {
      Optional<CrdCatalog.Crd> crd = catalog.get().find(id.group(), id.kind());
      if (crd.isPresent()) {
        return resolve(id, crd.get(), selection);
      }
      if (catalog.get().servedKind(id.group(), id.kind())) {
        return new Unavailable(id.version(), id + ": CustomResourceDefinition not installed");
      }
    }
    List<ApiDiscovery.ServedKind> served = discovered.find(id.group(), id.kind());
    if (!served.isEmpty()) {
      return resolve(id, served, selection);
    }
    String failure = discovered.failures().get(id.group());
    if (catalog.isEmpty() && id.hasVersion() && failure != null) {
      // nothing to check against: read what the mapping names and let the server say
      return watch(id, id.version(), id.pluralOrDefault(), true, selection);
    }
    if (failure != null) {
      return new Unavailable(id.version(), id + ": " + failure);
    }
    return new Unavailable(
        id.version(),
        id
            + ": not served by the API server (no CustomResourceDefinition, built-in or"
            + " aggregated API has this kind)");
  }

  /**
   * The kinds a mapping of every kind of a group reads now, in kind order: each established CRD of
   * the group that serves the mapping's version, or, when it names none, at the CRD's storage
   * version. Empty when no CRD matches.
   */
  static SortedMap<String, Resolution> expand(
      ResourceId anyKind, Wanted selection, CrdCatalog catalog) {
    SortedMap<String, Resolution> kinds = new TreeMap<>();
    for (CrdCatalog.Crd crd : catalog.inGroup(anyKind.group())) {
      if (!anyKind.hasVersion() || crd.servedVersions().contains(anyKind.version())) {
        kinds.put(crd.kind(), resolve(anyKind.withKind(crd.kind()), crd, selection));
      }
    }
    return kinds;
  }

  private static Resolution resolve(ResourceId id, CrdCatalog.Crd crd, Wanted selection) {
    String version = id.hasVersion() ? id.version() : defaultVersion(crd);
    if (!crd.servedVersions().contains(version)) {
      return new Unavailable(
          version, id + ": version " + version + " is not served; served: " + crd.servedVersions());
    }
    return watch(id, version, crd.plural(), crd.namespaced(), selection);
  }

  /**
   * @param served the kind at each version that has it, the preferred version first
   */
  private static Resolution resolve(
      ResourceId id, List<ApiDiscovery.ServedKind> served, Wanted selection) {
    ApiDiscovery.ServedKind chosen = served.get(0);
    if (id.hasVersion()) {
      Optional<ApiDiscovery.ServedKind> named =
          served.stream().filter(kind -> kind.version().equals(id.version())).findFirst();
      if (named.isEmpty()) {
        return new Unavailable(
            id.version(),
            id
                + ": version "
                + id.version()
                + " is not served; served: "
                + served.stream().map(ApiDiscovery.ServedKind::version).toList());
      }
      chosen = named.get();
    }
    if (!chosen.readable()) {
      return new Unavailable(
          chosen.version(), id + ": the API server does not offer list and watch on it");
    }
    return watch(id, chosen.version(), chosen.plural(), chosen.namespaced(), selection);
  }

  private static String defaultVersion(CrdCatalog.Crd crd) {
    return crd.servedVersions().contains(crd.storageVersion())
        ? crd.storageVersion()
        : crd.servedVersions().isEmpty() ? "" : crd.servedVersions().get(0);
  }

  /**
   * The endpoints of a kind: one per namespace named, or matched by the namespace selector (in the
   * named ones, when both are given), or one across all namespaces. A kind whose namespaces are
   * selected by label waits until they are known; cluster-scoped kinds have none to select.
   */
  private static Resolution watch(
      ResourceId id, String version, String plural, boolean namespaced, Wanted wanted) {
    Selection selection = wanted.selection();
    List<String> namespaces =
        namespaced && !selection.namespaces().isEmpty() ? selection.namespaces() : List.of("");
    if (namespaced && selection.selectsNamespacesByLabel()) {
      Optional<List<String>> matching = wanted.namespaces().matching(selection.namespaceSelector());
      if (matching.isEmpty()) {
        return new Unavailable(
            version,
            id
                + ": the namespaces with labels "
                + selection.namespaceSelector()
                + " cannot be listed");
      }
      namespaces =
          selection.namespaces().isEmpty()
              ? matching.get()
              : matching.get().stream().filter(selection.namespaces()::contains).toList();
    }
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
    return new Watch(version, targets);
  }
}
