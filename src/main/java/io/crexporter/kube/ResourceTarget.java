package io.crexporter.kube;

/**
 * One list-and-watch endpoint: a resource at a resolved version, in one namespace or across all
 * (namespace empty), with optional label and field selectors.
 */
record ResourceTarget(
    String group,
    String version,
    String plural,
    String kind,
    String namespace,
    String labelSelector,
    String fieldSelector) {

  /** The collection's URL path, such as {@code /apis/kpack.io/v1alpha2/namespaces/ci/builds}. */
  String path() {
    String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return base + (namespace.isEmpty() ? "" : "/namespaces/" + namespace) + "/" + plural;
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return plural
        + (group.isEmpty() ? "" : "." + group)
        + "/"
        + version
        + (namespace.isEmpty() ? "" : " in namespace " + namespace)
        + (labelSelector.isEmpty() ? "" : " with labels " + labelSelector)
        + (fieldSelector.isEmpty() ? "" : " with fields " + fieldSelector);
  }
}
