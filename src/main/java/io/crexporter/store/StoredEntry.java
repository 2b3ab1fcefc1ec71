package io.crexporter.store;

import com.carrotsearch.hppc.LongHashSet;
import io.crexporter.mapping.ResourceId;
import java.util.List;

/**
 * What the store keeps of one object. The store's writer alone changes it; scrapes read only {@link
 * #visible}, which is replaced whole.
 */
final class StoredEntry {

  final ObjectKey key;
  ResourceId resource;

  /** What a scrape writes: {@link #full} without the lines other objects already expose. */
  volatile Rendering visible = Rendering.EMPTY;

  /** Everything the mapping made of the object. */
  Rendering full = Rendering.EMPTY;

  /** Identities of lines of {@link #full} left out as duplicates; null when none are. */
  LongHashSet suppressed;

  List<CountKey> counts = List.of();

  /** Per segment of {@link #full}, lines the object had twice; null when none. */
  int[] dropped;

  /** For each segment of {@link #full}, its place in the column of that family. */
  int[] slots = new int[0];

  StoredEntry(ObjectKey key, ResourceId resource) {
    this.key = key;
    this.resource = resource;
  }

  boolean suppresses(long identity) {
    return suppressed != null && suppressed.contains(identity);
  }

  void suppress(long identity) {
    if (suppressed == null) {
      suppressed = new LongHashSet();
    }
    suppressed.add(identity);
  }

  void unsuppress(long identity) {
    if (suppressed != null) {
      suppressed.remove(identity);
      if (suppressed.isEmpty()) {
        suppressed = null;
      }
    }
  }
}
