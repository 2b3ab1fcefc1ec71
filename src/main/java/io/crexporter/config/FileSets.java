package io.crexporter.config;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Expands files and directories given on the command line into the files to read. Directories are
 * walked recursively, through symbolic links, for {@code .yaml}, {@code .yml} and {@code .json}
 * files; names starting with a dot are skipped, which also skips the timestamped folders behind a
 * mounted ConfigMap.
 */
public final class FileSets {

  private FileSets() {}

  /**
   * The files under {@code path}, sorted; the path itself when it is a file.
   *
   * @throws IOException when {@code path} or anything under it cannot be read
   */
  public static List<Path> expand(Path path) throws IOException {
    IOException[] first = {null};
    List<Path> files =
        expand(
            path,
            (unreadable, e) -> {
              if (first[0] == null) {
                first[0] = e;
              }
            });
    if (first[0] != null) {
      throw first[0];
    }
    return files;
  }

  /**
   * The files under {@code path} that can be read, sorted; each file or directory that cannot be
   * (no permission, a loop of links) is told to {@code unreadable} and skipped, with what is under
   * it.
   *
   * @throws IOException when {@code path} itself cannot be read
   */
  public static List<Path> expand(Path path, BiConsumer<Path, IOException> unreadable)
      throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        path,
        Set.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return !dir.equals(path) && isHidden(path.relativize(dir))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()
                && !isHidden(path.relativize(file))
                && isManifestName(file)) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (file.equals(path)) {
              throw e;
            }
            if (!isHidden(path.relativize(file))) {
              unreadable.accept(
                  file,
                  e instanceof FileSystemLoopException
                      ? new IOException("a loop of symbolic links", e)
                      : e);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
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
