package io.crexporter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped mappings and example objects bundled in the jar, copied to a temporary directory so
 * that {@code --demo} runs anywhere, with no files and no cluster.
 */
final class DemoFiles {

  private DemoFiles() {}

  /**
   * Copies the bundled files out; returns the directory holding {@code config/} and {@code
   * examples/}.
   */
  static Path extract() throws IOException {
    URL url = DemoFiles.class.getResource("/demo");
    if (url == null) {
      throw new IllegalStateException("this build has no bundled demo files");
    }
    Path target = Files.createTempDirectory("custom-resource-exporter-demo");
    // deleted after every shutdown hook has run, so that an orderly stop still finds its files;
    // in the reverse order of registration: contents before their directory
    target.toFile().deleteOnExit();
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = openJar(uri)) {
          copyTree(jar.provider().getPath(uri), target);
        }
      } else {
        copyTree(Path.of(uri), target);
      }
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate bundled demo files: " + e.getMessage(), e);
    }
    return target;
  }

  /** The bundled mapping directory, none without a bundle. */
  static List<Path> configPaths(Path demo) {
    return demo == null ? List.of() : List.of(demo.resolve("config"));
  }

  /** The bundled example objects, none without a bundle. */
  static List<Path> objectPaths(Path demo) {
    return demo == null ? List.of() : List.of(demo.resolve("examples"));
  }

  private static FileSystem openJar(URI uri) throws IOException {
    try {
      FileSystems.getFileSystem(uri);
      // already open elsewhere: a second handle would fail, so copy through a fresh one anyway
      return FileSystems.newFileSystem(Path.of(jarFile(uri)), Map.of());
    } catch (FileSystemNotFoundException e) {
      return FileSystems.newFileSystem(uri, Map.of());
    }
  }

  private static URI jarFile(URI uri) {
    String spec = uri.getSchemeSpecificPart();
    return URI.create(spec.substring(0, spec.indexOf("!/")));
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : walk.toList()) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(path, destination);
        }
        destination.toFile().deleteOnExit();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
