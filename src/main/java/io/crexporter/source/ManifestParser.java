package io.crexporter.source;

import io.crexporter.config.YamlProblems;
import io.crexporter.config.Yamls;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads Kubernetes manifests: YAML with one or more documents, JSON, and lists such as the output
 * of {@code kubectl get -o yaml}.
 */
final class ManifestParser {

  /**
   * The most values (maps, lists and scalars, each alias counted where it is used) a document may
   * hold: far beyond any Kubernetes object (the API server stores at most 1.5 MB), far below an
   * alias chain that doubles at each step and would stall every path with {@code ..} or {@code *}.
   */
  static final long MAX_VALUES = 1_000_000;

  private ManifestParser() {}

  /** Whether walking the document as a tree meets more than {@code limit} values. */
  static boolean expandsBeyond(Object document, long limit) {
    java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();
    pending.push(document == null ? "" : document);
    long seen = 0;
    while (!pending.isEmpty()) {
      if (++seen > limit) {
        return true;
      }
      Object value = pending.pop();
      if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          pending.push(entry.getValue() == null ? "" : entry.getValue());
        }
      } else if (value instanceof List<?> list) {
        for (Object item : list) {
          pending.push(item == null ? "" : item);
        }
      }
    }
    return false;
  }

  /** Thrown with a one-line message naming the file and, where known, the line. */
  static final class ManifestException extends Exception {
    ManifestException(String message) {
      super(message);
    }
  }

  /**
   * The longest line of a YAML file read: SnakeYAML's time grows with the square of a line's length
   * (20 MB took over two minutes), so a file with a longer one is refused, with a hint. JSON files
   * are read by a JSON parser, in linear time, whatever their lines.
   */
  static final int MAX_YAML_LINE = 1 << 20;

  static List<Map<String, Object>> parse(Path file) throws ManifestException {
    List<Map<String, Object>> objects = new ArrayList<>();
    if (file.getFileName().toString().endsWith(".json")) {
      int index = 0;
      for (Object document : JsonManifests.read(file)) {
        addObjects(file, index++, document, objects);
      }
      return objects;
    }
    checkLineLengths(file);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int index = 0;
      for (Object document : Yamls.create().loadAll(reader)) {
        if (expandsBeyond(document, MAX_VALUES)) {
          throw new ManifestException(
              file
                  + ": document "
                  + (index + 1)
                  + " holds more than "
                  + MAX_VALUES
                  + " values once its YAML aliases are expanded; not read");
        }
        addObjects(file, index++, document, objects);
      }
    } catch (YAMLException | IOException e) {
      throw new ManifestException(YamlProblems.of(file.toString(), e).toString());
    }
    return objects;
  }

  private static void checkLineLengths(Path file) throws ManifestException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      char[] buffer = new char[65536];
      int line = 1;
      int length = 0;
      for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            line++;
            length = 0;
          } else if (++length > MAX_YAML_LINE) {
            throw new ManifestException(
                file
                    + ":"
                    + line
                    + ": a line longer than "
                    + MAX_YAML_LINE
                    + " characters; YAML that long takes minutes to read: write the object as"
                    + " JSON (a .json file) instead");
          }
        }
      }
    } catch (IOException e) {
      throw new ManifestException(YamlProblems.of(file.toString(), e).toString());
    }
  }

  @SuppressWarnings("unchecked")
  private static void addObjects(
      Path file, int index, Object document, List<Map<String, Object>> out)
      throws ManifestException {
    if (document == null) {
      return;
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new ManifestException(
          file + ": document " + (index + 1) + " is not a Kubernetes object");
    }
    if (map.get("kind") instanceof String kind
        && kind.endsWith("List")
        && map.get("items") instanceof List<?> items) {
      for (Object item : items) {
        addObjects(file, index, item, out);
      }
      return;
    }
    out.add((Map<String, Object>) map);
  }
}
