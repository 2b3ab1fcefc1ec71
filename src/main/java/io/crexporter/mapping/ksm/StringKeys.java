package io.crexporter.mapping.ksm;

import java.util.LinkedHashMap;
import java.util.Map;

/** Decoded JSON maps have string keys; YAML ones may not, so keys are read as text. */
final class StringKeys {

  private StringKeys() {}

  static Map<String, Object> of(Map<?, ?> map) {
    Map<String, Object> keyed = new LinkedHashMap<>();
    map.forEach((key, value) -> keyed.put(String.valueOf(key), value));
    return keyed;
  }
}
