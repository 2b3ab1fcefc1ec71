package io.crexporter.store;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * Position of one data point in its family: ordered by labels first, as the exposition needs, then
 * by the object it came from, then by its place among that object's points, so that equal labels
 * from different objects (duplicates) sit side by side without replacing each other.
 */
record SeriesKey(Labels labels, ObjectKey owner, int position) implements Comparable<SeriesKey> {

  @Override
  public int compareTo(SeriesKey other) {
    int byLabels = labels.compareTo(other.labels);
    if (byLabels != 0) {
      return byLabels;
    }
    int byOwner = owner.value().compareTo(other.owner.value());
    return byOwner != 0 ? byOwner : Integer.compare(position, other.position);
  }
}
