package io.crexporter.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands files and directories given on the command line into the files to read. Directories are
 * walked recursively for {@code .yaml}, {@code .yml} and {@code .json} files; names starting with a
 * dot are skipped, which also skips the timestamped folders behind a mounted ConfigMap.
 */
public final class FileSets {

  private FileSets() {}

  /** The files under {@code path}, sorted; the path itself when it is a file. */
  public static List<Path> expand(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(path)) {
      walk.filter(p -> !p.equals(path))
          .filter(p -> !isHidden(path.relativize(p)))
          .filter(FileSets::isManifestName)
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(files::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return files;
  }

  public static boolean isManifestName(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".")
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
