package io.crexporter.source;

import io.crexporter.config.Yamls;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads Kubernetes manifests: YAML with one or more documents, JSON, and lists such as the output
 * of {@code kubectl get -o yaml}.
 */
final class ManifestParser {

  private ManifestParser() {}

  /** Thrown with a one-line message naming the file and, where known, the line. */
  static final class ManifestException extends Exception {
    ManifestException(String message) {
      super(message);
    }
  }

  static List<Map<String, Object>> parse(Path file) throws ManifestException {
    List<Map<String, Object>> objects = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int index = 0;
      for (Object document : Yamls.create().loadAll(reader)) {
        addObjects(file, index++, document, objects);
      }
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new ManifestException(file + ":" + line + ": invalid YAML: " + e.getProblem());
    } catch (YAMLException | IOException e) {
      throw new ManifestException(file + ": cannot read: " + e.getMessage());
    }
    return objects;
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
