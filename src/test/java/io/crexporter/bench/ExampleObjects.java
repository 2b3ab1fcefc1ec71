package io.crexporter.bench;

import io.crexporter.config.Yamls;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The shipped example objects, used as templates for any number of distinct objects of the same
 * shape: each copy gets its own uid, name and namespace so that no two copies produce the same
 * series.
 */
final class ExampleObjects {

  /** Spread copies over this many namespaces, as a cluster with many teams would. */
  static final int NAMESPACES = 50;

  private final List<Map<String, Object>> templates;

  private ExampleObjects(List<Map<String, Object>> templates) {
    this.templates = List.copyOf(templates);
  }

  /** Parses every {@code *.yaml} document under each directory, in file name order. */
  static ExampleObjects load(List<Path> directories) throws IOException {
    List<Map<String, Object>> templates = new ArrayList<>();
    for (Path directory : directories) {
      List<Path> files;
      try (Stream<Path> listing = Files.list(directory)) {
        files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      }
      for (Path file : files) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          for (Object document : Yamls.create().loadAll(reader)) {
            if (document instanceof Map<?, ?> map) {
              templates.add(asObject(map));
            }
          }
        }
      }
    }
    if (templates.isEmpty()) {
      throw new IOException("no example objects found in " + directories);
    }
    return new ExampleObjects(templates);
  }

  int templateCount() {
    return templates.size();
  }

  /**
   * Objects {@code first} to {@code first + count - 1}, cycling through the templates. Different
   * ranges never share a uid or name, so a warm-up set and a measured set stay distinct.
   */
  List<Map<String, Object>> generate(int first, int count) {
    List<Map<String, Object>> objects = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      Map<String, Object> copy =
          asObject((Map<?, ?>) deepCopy(templates.get(i % templates.size())));
      Map<String, Object> metadata = asObject((Map<?, ?>) copy.get("metadata"));
      metadata.put("uid", new UUID(0x62656e6368L, i).toString());
      metadata.put("name", metadata.get("name") + "-" + i);
      metadata.put("namespace", "ns-" + (i % NAMESPACES));
      objects.add(copy);
    }
    return objects;
  }

  /**
   * Copies maps, lists and strings. Strings are copied too because objects decoded from the API
   * server each have their own strings; sharing them across copies would make the store look
   * smaller than it is in production.
   */
  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
      map.forEach((k, v) -> copy.put(new String(String.valueOf(k)), deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(deepCopy(item)));
      return copy;
    }
    if (value instanceof String text) {
      return new String(text);
    }
    // numbers, booleans and null are immutable and not retained by the store
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
