package io.crexporter.store;

import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.ResourceId;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;

/**
 * The series computed from one object, ready for exposition, and its contributions to count
 * metrics. Built once per change of the object; read by every scrape.
 */
public record StoredObject(
    ObjectKey key, ResourceId resource, List<FamilyPoints> points, List<CountContribution> counts) {

  public StoredObject {
    points = List.copyOf(points);
    counts = List.copyOf(counts);
  }

  /** Data points of one metric family. */
  public record FamilyPoints(MetricFamily family, List<GaugeDataPointSnapshot> points) {
    public FamilyPoints {
      points = List.copyOf(points);
    }
  }

  /** One unit added to the count of {@code labels} in a count family. */
  public record CountContribution(MetricFamily family, Labels labels) {}
}
