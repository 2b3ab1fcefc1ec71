package io.crexporter.mapping;

import java.util.List;

/**
 * Every metric computed from objects of one resource.
 *
 * @param selection which objects of the resource to read
 * @param labels labels on every series of this resource except counts, read from the object root
 * @param origin where the mapping was defined, for messages
 */
public record ResourceMapping(
    ResourceId resource,
    Selection selection,
    List<LabelSource> labels,
    List<MetricRule> metrics,
    String origin) {

  public ResourceMapping {
    labels = LabelSource.inApplyOrder(labels);
    metrics = List.copyOf(metrics);
  }

  /** True when both compute the same series from the same objects, wherever they were defined. */
  public boolean sameAs(ResourceMapping other) {
    return resource.equals(other.resource)
        && selection.equals(other.selection)
        && labels.equals(other.labels)
        && metrics.equals(other.metrics);
  }

  /** Whether two lists map objects alike, mapping by mapping. */
  public static boolean sameAll(List<ResourceMapping> before, List<ResourceMapping> after) {
    if (before.size() != after.size()) {
      return false;
    }
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).sameAs(after.get(i))) {
        return false;
      }
    }
    return true;
  }
}
