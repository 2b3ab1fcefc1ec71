package io.crexporter.mapping;

import java.util.List;

/**
 * Every metric computed from objects of one resource.
 *
 * @param labels labels on every series of this resource except counts, read from the object root
 * @param origin where the mapping was defined, for messages
 */
public record ResourceMapping(
    ResourceId resource, List<LabelSource> labels, List<MetricMapping> metrics, String origin) {

  public ResourceMapping {
    labels = List.copyOf(labels);
    metrics = List.copyOf(metrics);
  }
}
