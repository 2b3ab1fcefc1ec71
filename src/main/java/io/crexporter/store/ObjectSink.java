package io.crexporter.store;

import java.util.Map;

/** What every object source feeds: objects as they appear or change, and their removal. */
public interface ObjectSink {

  /** Adds or replaces an object, given as its JSON tree of maps, lists and scalars. */
  void upsert(ObjectKey key, Map<String, Object> object);

  void delete(ObjectKey key);
}
