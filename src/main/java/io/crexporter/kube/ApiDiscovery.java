package io.crexporter.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API server serves besides CRDs, read from its discovery documents as kubectl and
 * kube-state-metrics read them: the core group ({@code /api}), the named groups ({@code /apis}),
 * aggregated APIs among them, and the kinds of each version of the groups asked for.
 */
final class ApiDiscovery {

  private static final Logger LOG = LoggerFactory.getLogger(ApiDiscovery.class);

  /** One kind at one version, as discovery lists it. */
  record ServedKind(
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      boolean readable) {}

  /**
   * What one round of discovery found.
   *
   * @param versions per group read, its versions, the preferred one first
   * @param kinds per group, the kinds of every version, in the order of {@code versions}
   * @param failures per group, why it could not be read (an aggregated API that is down)
   * @param groups every group asked for that was read or failed
   * @param takenAtNanos when, by {@link System#nanoTime()}
   */
  record Snapshot(
      Map<String, List<String>> versions,
      Map<String, List<ServedKind>> kinds,
      Map<String, String> failures,
      Set<String> groups,
      long takenAtNanos) {

    static final Snapshot NONE = new Snapshot(Map.of(), Map.of(), Map.of(), Set.of(), 0);

    Snapshot {
      versions = Map.copyOf(versions);
      kinds = Map.copyOf(kinds);
      failures = Map.copyOf(failures);
      groups = Set.copyOf(groups);
    }

    /** The versions at which the group serves the kind, the preferred version first. */
    List<ServedKind> find(String group, String kind) {
      return kinds.getOrDefault(group, List.of()).stream()
          .filter(served -> served.kind().equals(kind))
          .toList();
    }

    boolean covers(Set<String> wanted) {
      return groups.containsAll(wanted);
    }
  }

  private final KubeApi api;

  ApiDiscovery(KubeApi api) {
    this.api = api;
  }

  /**
   * Reads the groups asked for ({@code ""} is the core group). A group the server does not list is
   * absent from the result; one whose documents cannot be read is in {@code failures}.
   */
  Snapshot read(Set<String> wanted) {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    Map<String, List<ServedKind>> kinds = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    if (wanted.contains("")) {
      try {
        versions.put("", strings(api.get("/api", call -> {}).get("versions")));
      } catch (KubeApiException e) {
        failed(failures, Set.of(""), "/api", e);
      }
    }
    Set<String> named = new TreeSet<>(wanted);
    named.remove("");
    if (!named.isEmpty()) {
      try {
        versions.putAll(namedGroups(api.get("/apis", call -> {}), named));
      } catch (KubeApiException e) {
        failed(failures, named, "/apis", e);
      }
    }
    versions.forEach(
        (group, list) -> {
          List<ServedKind> served = new ArrayList<>();
          for (String version : list) {
            String path = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
            try {
              served.addAll(kinds(group, version, api.get(path, call -> {})));
            } catch (KubeApiException e) {
              failures.put(group, "discovery of " + path + " failed: " + e.getMessage());
            }
          }
          kinds.put(group, List.copyOf(served));
        });
    return new Snapshot(versions, kinds, failures, wanted, System.nanoTime());
  }

  private static void failed(
      Map<String, String> failures, Set<String> groups, String path, KubeApiException e) {
    LOG.warn("cannot read the API server's discovery document {}: {}", path, e.getMessage());
    groups.forEach(group -> failures.put(group, "discovery failed: " + e.getMessage()));
  }

  /** The versions of each wanted group in an APIGroupList, the preferred version first. */
  private static Map<String, List<String>> namedGroups(
      Map<String, Object> list, Set<String> wanted) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    if (!(list.get("groups") instanceof List<?> groups)) {
      return found;
    }
    for (Object item : groups) {
      if (!(item instanceof Map<?, ?> group) || !wanted.contains(group.get("name"))) {
        continue;
      }
      List<String> ordered = new ArrayList<>();
      if (group.get("preferredVersion") instanceof Map<?, ?> preferred
          && preferred.get("version") instanceof String version) {
        ordered.add(version);
      }
      if (group.get("versions") instanceof List<?> all) {
        for (Object entry : all) {
          if (entry instanceof Map<?, ?> version
              && version.get("version") instanceof String name
              && !ordered.contains(name)) {
            ordered.add(name);
          }
        }
      }
      found.put((String) group.get("name"), List.copyOf(ordered));
    }
    return found;
  }

  /** The kinds of an APIResourceList; subresources such as {@code pods/log} are left out. */
  private static List<ServedKind> kinds(String group, String version, Map<String, Object> list) {
    List<ServedKind> kinds = new ArrayList<>();
    if (!(list.get("resources") instanceof List<?> resources)) {
      return kinds;
    }
    for (Object item : resources) {
      if (item instanceof Map<?, ?> resource
          && resource.get("name") instanceof String plural
          && !plural.contains("/")
          && resource.get("kind") instanceof String kind) {
        List<String> verbs = strings(resource.get("verbs"));
        kinds.add(
            new ServedKind(
                group,
                version,
                kind,
                plural,
                Boolean.TRUE.equals(resource.get("namespaced")),
                verbs.contains("list") && verbs.contains("watch")));
      }
    }
    return kinds;
  }

  private static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> strings.add(String.valueOf(item)));
    }
    return strings;
  }
}
