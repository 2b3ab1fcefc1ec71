package io.crexporter.store;

import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.ResourceId;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The computed series of every object, keyed by object, and indexed per metric name in exposition
 * order. Changing an object adds its new points before removing the ones it no longer has, so a
 * scrape during the change never misses a series that exists before and after it.
 */
public final class SeriesStore {

  private final Map<ObjectKey, StoredObject> objects = new ConcurrentHashMap<>();
  private final Map<ResourceId, Long> objectsPerResource = new ConcurrentHashMap<>();
  private final Map<String, FamilySeries> families = new ConcurrentHashMap<>();
  private final CountTable counts = new CountTable();

  /** Adds or replaces the series of one object. */
  public synchronized void put(StoredObject object) {
    StoredObject previous = objects.put(object.key(), object);
    // per metric name: equal labels under two names are two different series
    Map<String, Set<SeriesKey>> current = new HashMap<>();
    for (StoredObject.FamilyPoints points : object.points()) {
      String name = points.family().name();
      FamilySeries series = families.computeIfAbsent(name, n -> new FamilySeries(points.family()));
      Set<SeriesKey> keys = current.computeIfAbsent(name, n -> new HashSet<>());
      List<GaugeDataPointSnapshot> list = points.points();
      for (int i = 0; i < list.size(); i++) {
        SeriesKey key = new SeriesKey(list.get(i).getLabels(), object.key(), i);
        keys.add(key);
        series.put(key, list.get(i));
      }
    }
    removePoints(previous, current);
    forget(previous);
    counts.add(object.counts());
    objectsPerResource.merge(object.resource(), 1L, Long::sum);
  }

  public synchronized void remove(ObjectKey key) {
    StoredObject previous = objects.remove(key);
    removePoints(previous, Map.of());
    forget(previous);
  }

  public Collection<StoredObject> objects() {
    return Collections.unmodifiableCollection(objects.values());
  }

  /** The stored data points of every metric name that has had any. */
  public Collection<FamilySeries> families() {
    return Collections.unmodifiableCollection(families.values());
  }

  public Map<ResourceId, Long> objectsPerResource() {
    return Collections.unmodifiableMap(objectsPerResource);
  }

  public Map<Labels, Long> counts(MetricFamily family) {
    return Collections.unmodifiableMap(counts.counts(family));
  }

  private void removePoints(StoredObject previous, Map<String, Set<SeriesKey>> keep) {
    if (previous == null) {
      return;
    }
    for (StoredObject.FamilyPoints points : previous.points()) {
      FamilySeries series = families.get(points.family().name());
      Set<SeriesKey> kept = keep.getOrDefault(points.family().name(), Set.of());
      List<GaugeDataPointSnapshot> list = points.points();
      for (int i = 0; i < list.size(); i++) {
        SeriesKey key = new SeriesKey(list.get(i).getLabels(), previous.key(), i);
        if (!kept.contains(key)) {
          series.remove(key);
        }
      }
    }
  }

  private void forget(StoredObject previous) {
    if (previous == null) {
      return;
    }
    counts.subtract(previous.counts());
    objectsPerResource.computeIfPresent(previous.resource(), (resource, n) -> n > 1 ? n - 1 : null);
  }
}
