package io.crexporter.store;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.cursors.LongCursor;
import io.crexporter.mapping.ResourceId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rendered series of every object, by object and by metric name. A change is applied by one
 * writer at a time and costs what changed: an update that changes no line touches nothing, and
 * duplicate series (equal name and labels from two objects) are found as they come, by identity,
 * not by sorting. Scrapes read the columns without locks.
 */
public final class RenderedStore {

  private final Map<ObjectKey, StoredEntry> entries = new HashMap<>();
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private volatile FamilyColumn[] columns = new FamilyColumn[0];
  private final Map<ResourceId, Long> objectsPerResource = new ConcurrentHashMap<>();
  private final CountTable counts = new CountTable();
  private volatile int objects;
  private volatile SeriesLimits limits = SeriesLimits.DEFAULTS;
  private volatile SeriesLimits.Drops drops = SeriesLimits.Drops.NONE;

  /** The limits to keep to from now on, and who is told of series left out. */
  public void limits(SeriesLimits limits, SeriesLimits.Drops drops) {
    this.limits = limits;
    this.drops = drops;
  }

  public SeriesLimits limits() {
    return limits;
  }

  /** Tells of series left out before they reached the store (a label value too long). */
  public void droppedBeforehand(String metric, SeriesLimits.Reason reason, int series) {
    drops.dropped(metric, reason, series);
  }

  /** The id of a metric name, given on first use and kept for good. */
  public int familyId(String name) {
    Integer id = ids.get(name);
    return id != null ? id : newFamily(name);
  }

  private synchronized int newFamily(String name) {
    Integer id = ids.get(name);
    if (id != null) {
      return id;
    }
    FamilyColumn[] grown = Arrays.copyOf(columns, columns.length + 1);
    grown[columns.length] = new FamilyColumn(columns.length, name);
    columns = grown;
    ids.put(name, columns.length - 1);
    return columns.length - 1;
  }

  /**
   * Adds or replaces the series of one object.
   *
   * @return false when nothing changed
   */
  public synchronized boolean put(ObjectKey key, ResourceId resource, RenderedObject next) {
    StoredEntry existing = entries.get(key);
    RenderedObject rendered =
        SeriesBudget.admit(
            existing == null ? Rendering.EMPTY : existing.full, next, columns, limits, drops);
    Rendering full = rendered.rendering();
    long[] identities = rendered.identities();
    int[] dropped = rendered.dropped();
    List<CountKey> counted = rendered.counts();
    StoredEntry entry = entries.get(key);
    if (entry != null
        && entry.resource.equals(resource)
        && entry.full.sameAs(full)
        && Arrays.equals(entry.dropped, dropped)
        && entry.counts.equals(counted)) {
      return false;
    }
    if (entry == null) {
      entry = new StoredEntry(key, resource);
      entries.put(key, entry);
      objects = entries.size();
      objectsPerResource.merge(resource, 1L, Long::sum);
    } else if (!entry.resource.equals(resource)) {
      forgetResource(entry.resource);
      objectsPerResource.merge(resource, 1L, Long::sum);
      entry.resource = resource;
    }
    counts.subtract(entry.counts);
    counts.add(counted);
    entry.counts = List.copyOf(counted);
    List<Promotion> promoted = new ArrayList<>();
    Rendering old = entry.full;
    int[] slots = new int[full.families()];
    int[] firstLine = rendered.firstLines();
    // segments whose blocks must show new lines: told only once the new lines are visible, so
    // that a compressed copy is never made of the old lines under the new version
    boolean[] touched = new boolean[full.families()];
    int i = 0;
    int j = 0;
    while (i < old.families() || j < full.families()) {
      int oldId = i < old.families() ? old.familyId(i) : Integer.MAX_VALUE;
      int newId = j < full.families() ? full.familyId(j) : Integer.MAX_VALUE;
      if (oldId < newId) {
        FamilyColumn column = columns[oldId];
        column.remove(entry.slots[i], this::moved);
        release(column, Segments.identities(old, i), entry, promoted);
        i++;
      } else if (newId < oldId) {
        FamilyColumn column = columns[newId];
        slots[j] = column.add(entry);
        for (int line = firstLine[j]; line < firstLine[j + 1]; line++) {
          column.claim(identities[line], entry);
        }
        touched[j] = true;
        j++;
      } else {
        slots[j] = entry.slots[i];
        if (!old.sameSegment(i, full, j)) {
          update(
              columns[newId],
              Segments.identities(old, i),
              Segments.slice(identities, firstLine[j], firstLine[j + 1]),
              entry,
              promoted);
          touched[j] = true;
        }
        i++;
        j++;
      }
    }
    setDropped(entry, old, full, dropped);
    entry.full = full;
    entry.slots = slots;
    entry.visible = entry.suppressed == null ? full : Segments.without(full, entry.suppressed);
    for (int segment = 0; segment < touched.length; segment++) {
      if (touched[segment]) {
        columns[full.familyId(segment)].changed(slots[segment]);
      }
    }
    expose(promoted);
    return true;
  }

  /** Removes the series of one object. */
  public synchronized void remove(ObjectKey key) {
    StoredEntry entry = entries.remove(key);
    if (entry == null) {
      return;
    }
    objects = entries.size();
    List<Promotion> promoted = new ArrayList<>();
    Rendering full = entry.full;
    for (int i = 0; i < full.families(); i++) {
      FamilyColumn column = columns[full.familyId(i)];
      column.remove(entry.slots[i], this::moved);
      release(column, Segments.identities(full, i), entry, promoted);
    }
    setDropped(entry, full, Rendering.EMPTY, null);
    counts.subtract(entry.counts);
    forgetResource(entry.resource);
    expose(promoted);
  }

  /** Every metric name stored so far, by id; a column may be empty. */
  public List<FamilyColumn> columns() {
    return List.of(columns);
  }

  /** Current counts of a count family by rendered labels; a live view. */
  public Map<String, Long> counts(int familyId) {
    return Collections.unmodifiableMap(counts.counts(familyId));
  }

  public Map<ResourceId, Long> objectsPerResource() {
    return Collections.unmodifiableMap(objectsPerResource);
  }

  public int objects() {
    return objects;
  }

  /** A line that waited as a duplicate is exposed now: its object's visible lines change. */
  private record Promotion(StoredEntry entry, FamilyColumn column) {}

  private void claim(FamilyColumn column, LongArrayList identities, StoredEntry entry) {
    for (LongCursor identity : identities) {
      column.claim(identity.value, entry);
    }
  }

  private void release(
      FamilyColumn column, LongArrayList identities, StoredEntry entry, List<Promotion> promoted) {
    for (LongCursor identity : identities) {
      StoredEntry next = column.release(identity.value, entry);
      if (next != null) {
        promoted.add(new Promotion(next, column));
      }
    }
  }

  /** A segment changed: identities it no longer has are released, new ones claimed. */
  private void update(
      FamilyColumn column,
      LongArrayList before,
      LongArrayList after,
      StoredEntry entry,
      List<Promotion> promoted) {
    LongHashSet kept = Segments.asSet(after);
    LongHashSet had = Segments.asSet(before);
    LongArrayList gone = new LongArrayList();
    LongArrayList added = new LongArrayList();
    for (int k = 0; k < before.size(); k++) {
      if (!kept.contains(before.get(k))) {
        gone.add(before.get(k));
      }
    }
    for (int k = 0; k < after.size(); k++) {
      if (!had.contains(after.get(k))) {
        added.add(after.get(k));
      }
    }
    release(column, gone, entry, promoted);
    claim(column, added, entry);
  }

  private void expose(List<Promotion> promoted) {
    for (Promotion promotion : promoted) {
      StoredEntry entry = promotion.entry();
      entry.visible =
          entry.suppressed == null ? entry.full : Segments.without(entry.full, entry.suppressed);
      int segment = entry.full.find(promotion.column().id());
      promotion.column().changed(entry.slots[segment]);
    }
  }

  private void moved(StoredEntry entry, FamilyColumn column, int newSlot) {
    entry.slots[entry.full.find(column.id())] = newSlot;
  }

  /** Lines an object had twice count as duplicates of its metric too. */
  private void setDropped(StoredEntry entry, Rendering before, Rendering after, int[] dropped) {
    if (entry.dropped != null) {
      for (int i = 0; i < entry.dropped.length; i++) {
        columns[before.familyId(i)].droppedWithin(-entry.dropped[i]);
      }
    }
    entry.dropped = dropped == null ? null : dropped.clone();
    if (dropped != null) {
      for (int i = 0; i < dropped.length; i++) {
        columns[after.familyId(i)].droppedWithin(dropped[i]);
      }
    }
  }

  private void forgetResource(ResourceId resource) {
    objectsPerResource.computeIfPresent(resource, (r, n) -> n > 1 ? n - 1 : null);
  }
}
