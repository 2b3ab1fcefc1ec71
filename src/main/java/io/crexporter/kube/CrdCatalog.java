package io.crexporter.kube;

import io.crexporter.mapping.ResourceId;
import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The custom resource definitions the API server serves, kept current by a watch: where a kind is
 * served (plural, versions, scope), and whether it is installed at all. Only what resolving a
 * mapping needs is kept.
 */
final class CrdCatalog implements ObjectSink {

  static final ResourceTarget CRDS =
      new ResourceTarget(
          "apiextensions.k8s.io",
          "v1",
          "customresourcedefinitions",
          "CustomResourceDefinition",
          "",
          "",
          "");

  /** One installed and established CRD. */
  record Crd(
      String group,
      String kind,
      String plural,
      boolean namespaced,
      List<String> servedVersions,
      String storageVersion) {}

  private final Map<ObjectKey, Crd> byKey = new ConcurrentHashMap<>();
  private final Set<String> everServed = ConcurrentHashMap.newKeySet();
  private final Runnable onChange;

  CrdCatalog(Runnable onChange) {
    this.onChange = onChange;
  }

  Optional<Crd> find(String group, String kind) {
    String wanted = ResourceId.groupKind(group, kind);
    return byKey.values().stream()
        .filter(crd -> ResourceId.groupKind(crd.group(), crd.kind()).equals(wanted))
        .findFirst();
  }

  /**
   * True when a CRD has served this kind since the exporter started: such a kind is only ever read
   * through its CRD, also after the CRD is deleted, never through discovery, which may lag.
   */
  boolean servedKind(String group, String kind) {
    return everServed.contains(ResourceId.groupKind(group, kind));
  }

  /** Groups that have at least one CRD now. */
  Set<String> groups() {
    Set<String> groups = new HashSet<>();
    byKey.values().forEach(crd -> groups.add(crd.group()));
    return groups;
  }

  /** The CRDs of a group, in kind order. */
  List<Crd> inGroup(String group) {
    return byKey.values().stream()
        .filter(crd -> crd.group().equals(group))
        .sorted(Comparator.comparing(Crd::kind))
        .toList();
  }

  @Override
  public void upsert(ObjectKey key, Map<String, Object> object) {
    Crd crd = read(object);
    if (crd != null) {
      everServed.add(ResourceId.groupKind(crd.group(), crd.kind()));
    }
    Crd previous = crd == null ? byKey.remove(key) : byKey.put(key, crd);
    if (!java.util.Objects.equals(previous, crd)) {
      onChange.run();
    }
  }

  @Override
  public void delete(ObjectKey key) {
    if (byKey.remove(key) != null) {
      onChange.run();
    }
  }

  /** The CRD's serving facts, or null while it is not established (its API is not served yet). */
  private static Crd read(Map<String, Object> object) {
    Map<?, ?> spec = map(object.get("spec"));
    Map<?, ?> names = map(spec.get("names"));
    if (!established(map(object.get("status")))) {
      return null;
    }
    List<String> served = new ArrayList<>();
    String storage = "";
    if (spec.get("versions") instanceof List<?> versions) {
      for (Object item : versions) {
        Map<?, ?> version = map(item);
        if (Boolean.TRUE.equals(version.get("served"))) {
          served.add(String.valueOf(version.get("name")));
        }
        if (Boolean.TRUE.equals(version.get("storage"))) {
          storage = String.valueOf(version.get("name"));
        }
      }
    }
    return new Crd(
        String.valueOf(spec.get("group")),
        String.valueOf(names.get("kind")),
        String.valueOf(names.get("plural")),
        "Namespaced".equals(spec.get("scope")),
        List.copyOf(served),
        storage);
  }

  private static boolean established(Map<?, ?> status) {
    if (status.get("conditions") instanceof List<?> conditions) {
      for (Object item : conditions) {
        Map<?, ?> condition = map(item);
        if ("Established".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }
}
