package io.crexporter.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Objects to throw at the mappings, from a seed: shipped fixtures mutated (keys removed, values
 * replaced by others of any type, lists grown, hostile strings), random trees under a real
 * apiVersion and kind, and fixtures with every string made hostile.
 */
final class FuzzObjects {

  /**
   * Strings that have broken exporters: escapes, control characters, lone surrogates, lookalikes.
   */
  static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "\"",
          "\\",
          "\\\"",
          "\n",
          "\r\n",
          "\t",
          "\u0000",
          "\uD800",
          "\uDC00x",
          "💥🚀",
          "ünïcödé",
          "} 1\nfake_metric 2",
          "a\"b\\c\nd",
          "NaN",
          "-Inf",
          "+Inf",
          "1e400",
          "-0",
          "0x1F",
          "  42  ",
          "5Mi",
          "100%",
          "1.5Gi",
          "2024-13-45T99:99:99Z",
          "2024-02-30T00:00:00Z",
          "1h2m3s",
          "-5m",
          "true",
          "True",
          "null",
          "${HOME}",
          "{{ .Values }}",
          "$.metadata.name",
          "@",
          "a".repeat(10_000),
          "x=y,z=w");

  private final Random random;
  private final List<Map<String, Object>> fixtures;

  FuzzObjects(long seed, List<Map<String, Object>> fixtures) {
    this.random = new Random(seed);
    this.fixtures = fixtures;
  }

  Map<String, Object> next() {
    Map<String, Object> fixture = fixtures.get(random.nextInt(fixtures.size()));
    int choice = random.nextInt(10);
    if (choice < 7) {
      @SuppressWarnings("unchecked")
      Map<String, Object> copy = (Map<String, Object>) copy(fixture, false);
      int mutations = 1 + random.nextInt(6);
      for (int i = 0; i < mutations; i++) {
        mutate(copy, 0);
      }
      return copy;
    }
    if (choice < 9) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("apiVersion", fixture.get("apiVersion"));
      object.put("kind", fixture.get("kind"));
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", string());
      metadata.put("namespace", string());
      metadata.put("uid", "uid-" + random.nextLong());
      metadata.put("labels", tree(2));
      metadata.put("annotations", tree(2));
      object.put("metadata", metadata);
      object.put("spec", tree(4));
      object.put("status", tree(4));
      return object;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> hostile = (Map<String, Object>) copy(fixture, true);
    hostile.put("apiVersion", fixture.get("apiVersion"));
    hostile.put("kind", fixture.get("kind"));
    return hostile;
  }

  /** A deep copy, with every string replaced by a hostile one when {@code hostile}. */
  private Object copy(Object value, boolean hostile) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v, hostile)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(copy(v, hostile)));
      return copy;
    }
    return hostile && value instanceof String ? string() : value;
  }

  @SuppressWarnings("unchecked")
  private void mutate(Map<String, Object> map, int depth) {
    if (map.isEmpty()) {
      map.put(string(), value(2));
      return;
    }
    List<String> keys = new ArrayList<>(map.keySet());
    String key = keys.get(random.nextInt(keys.size()));
    Object value = map.get(key);
    if (depth < 8 && random.nextInt(3) > 0) {
      if (value instanceof Map<?, ?> child) {
        mutate((Map<String, Object>) child, depth + 1);
        return;
      }
      if (value instanceof List<?> list && !list.isEmpty()) {
        Object item = list.get(random.nextInt(list.size()));
        if (item instanceof Map<?, ?> child) {
          mutate((Map<String, Object>) child, depth + 1);
          return;
        }
      }
    }
    switch (random.nextInt(6)) {
      case 0 -> map.remove(key);
      case 1 -> map.put(key, value(3));
      case 2 -> map.put(key, List.of(value == null ? "" : value));
      case 3 -> {
        List<Object> many = new ArrayList<>();
        int size = random.nextInt(200);
        for (int i = 0; i < size; i++) {
          many.add(value instanceof Map<?, ?> ? copy(value, false) : value(1));
        }
        map.put(key, many);
      }
      case 4 -> map.put(key, string());
      default -> map.put(key, number());
    }
  }

  private Object value(int depth) {
    return switch (random.nextInt(depth > 0 ? 7 : 5)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> number();
      case 3, 4 -> string();
      case 5 -> tree(depth - 1);
      default -> {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
          list.add(value(depth - 1));
        }
        yield list;
      }
    };
  }

  private Map<String, Object> tree(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    int size = random.nextInt(6);
    for (int i = 0; i < size; i++) {
      String key =
          random.nextInt(3) == 0
              ? List.of("conditions", "type", "status", "reason", "phase", "name", "ready")
                  .get(random.nextInt(7))
              : string();
      map.put(key, depth > 0 ? value(depth) : string());
    }
    return map;
  }

  private String string() {
    return random.nextInt(3) == 0
        ? Long.toString(random.nextLong(), 36)
        : HOSTILE.get(random.nextInt(HOSTILE.size()));
  }

  private Object number() {
    return switch (random.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> Double.POSITIVE_INFINITY;
      case 2 -> -0.0;
      case 3 -> Double.MIN_VALUE;
      case 4 -> 1e21;
      case 5 -> Long.MIN_VALUE;
      case 6 -> random.nextInt();
      default -> random.nextDouble() * 1e6;
    };
  }
}
