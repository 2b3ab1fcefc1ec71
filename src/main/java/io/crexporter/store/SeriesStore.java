package io.crexporter.store;

import io.crexporter.mapping.MetricFamily;
import io.crexporter.mapping.ResourceId;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The computed series of every object, keyed by object. Writers replace an object's whole entry at
 * once, so a scrape sees each object either before or after a change, never half of it.
 */
public final class SeriesStore {

  private final Map<ObjectKey, StoredObject> objects = new ConcurrentHashMap<>();
  private final Map<ResourceId, Long> objectsPerResource = new ConcurrentHashMap<>();
  private final CountTable counts = new CountTable();

  /** Adds or replaces the series of one object. */
  public synchronized void put(StoredObject object) {
    StoredObject previous = objects.put(object.key(), object);
    forget(previous);
    counts.add(object.counts());
    objectsPerResource.merge(object.resource(), 1L, Long::sum);
  }

  public synchronized void remove(ObjectKey key) {
    forget(objects.remove(key));
  }

  /** Removes every object; sources then deliver their state again. */
  public synchronized void clear() {
    objects.clear();
    objectsPerResource.clear();
    counts.clear();
  }

  public Collection<StoredObject> objects() {
    return Collections.unmodifiableCollection(objects.values());
  }

  public StoredObject get(ObjectKey key) {
    return objects.get(key);
  }

  public Map<ResourceId, Long> objectsPerResource() {
    return Collections.unmodifiableMap(objectsPerResource);
  }

  public Map<Labels, Long> counts(MetricFamily family) {
    return Collections.unmodifiableMap(counts.counts(family));
  }

  private void forget(StoredObject previous) {
    if (previous == null) {
      return;
    }
    counts.subtract(previous.counts());
    objectsPerResource.computeIfPresent(previous.resource(), (resource, n) -> n > 1 ? n - 1 : null);
  }
}
