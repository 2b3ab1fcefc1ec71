package io.crexporter.store;

import io.crexporter.mapping.MetricFamily;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every stored data point of one metric name, kept sorted by labels as objects change, so that a
 * scrape reads them in exposition order instead of sorting them. The version changes with every
 * change, so that a scrape can reuse what it assembled before when nothing did.
 */
public final class FamilySeries {

  private final MetricFamily family;
  private final ConcurrentSkipListMap<SeriesKey, GaugeDataPointSnapshot> points =
      new ConcurrentSkipListMap<>();
  private final AtomicLong version = new AtomicLong();

  FamilySeries(MetricFamily family) {
    this.family = family;
  }

  /** The definition this name was first stored with. */
  public MetricFamily family() {
    return family;
  }

  /** Read before {@link #points()}: if it is unchanged later, so are the points. */
  public long version() {
    return version.get();
  }

  /** Data points in label order; equal labels from several objects are adjacent. */
  public Collection<GaugeDataPointSnapshot> points() {
    return Collections.unmodifiableCollection(points.values());
  }

  void put(SeriesKey key, GaugeDataPointSnapshot point) {
    points.put(key, point);
    version.incrementAndGet();
  }

  void remove(SeriesKey key) {
    if (points.remove(key) != null) {
      version.incrementAndGet();
    }
  }
}
