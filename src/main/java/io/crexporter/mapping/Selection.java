package io.crexporter.mapping;

import java.util.List;

/**
 * Which objects of a resource are read: all namespaces when {@code namespaces} is empty, and the
 * Kubernetes label and field selectors (empty for none).
 */
public record Selection(List<String> namespaces, String labelSelector, String fieldSelector) {

  public static final Selection ALL = new Selection(List.of(), "", "");

  public Selection {
    namespaces = List.copyOf(namespaces);
  }
}
