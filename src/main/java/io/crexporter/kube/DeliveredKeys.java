package io.crexporter.kube;

import io.crexporter.store.ObjectKey;
import io.crexporter.store.ObjectSink;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keys of the objects a reflector delivered to its sink: a new list deletes those it lacks, and
 * a reflector no longer wanted deletes them all, after which nothing more is delivered, even by a
 * thread that has not ended yet. Keys only, never the objects.
 */
final class DeliveredKeys {

  private final ObjectSink sink;
  private final Set<ObjectKey> keys = new HashSet<>();
  private boolean forgotten;

  DeliveredKeys(ObjectSink sink) {
    this.sink = sink;
  }

  /** Delivers an object; {@code seen}, when not null, collects the keys of a list. */
  synchronized void upsert(ObjectKey key, Map<String, Object> object, Set<ObjectKey> seen) {
    if (forgotten) {
      return;
    }
    keys.add(key);
    if (seen != null) {
      seen.add(key);
    }
    sink.upsert(key, object);
  }

  synchronized void delete(ObjectKey key) {
    if (!forgotten && keys.remove(key)) {
      sink.delete(key);
    }
  }

  /** Deletes every object delivered whose key is not in {@code seen}. */
  synchronized void removeAllBut(Set<ObjectKey> seen) {
    if (forgotten) {
      return;
    }
    keys.removeIf(
        key -> {
          boolean gone = !seen.contains(key);
          if (gone) {
            sink.delete(key);
          }
          return gone;
        });
  }

  /** Deletes every object delivered, and delivers nothing from now on. */
  synchronized void forget() {
    forgotten = true;
    keys.forEach(sink::delete);
    keys.clear();
  }
}
