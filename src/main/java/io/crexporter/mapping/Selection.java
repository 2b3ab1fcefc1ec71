package io.crexporter.mapping;

import java.util.List;

/**
 * Which objects of a resource are read: all namespaces when {@code namespaces} is empty, those of
 * namespaces whose labels match {@code namespaceSelector}, and the Kubernetes label and field
 * selectors (empty for none).
 */
public record Selection(
    List<String> namespaces, String labelSelector, String fieldSelector, String namespaceSelector) {

  public static final Selection ALL = new Selection(List.of(), "", "", "");

  public Selection {
    namespaces = List.copyOf(namespaces);
  }

  /** Without a namespace selector. */
  public Selection(List<String> namespaces, String labelSelector, String fieldSelector) {
    this(namespaces, labelSelector, fieldSelector, "");
  }

  public boolean selectsNamespacesByLabel() {
    return !namespaceSelector.isEmpty();
  }
}
