package io.crexporter.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh API server for each test, in a directory of its own that is removed after the test: tests
 * that create and delete CRDs must not see each other's.
 */
final class ApiServerPerTest implements BeforeEachCallback, AfterEachCallback {

  private Path dir;
  private LocalKubeApiServer api;

  LocalKubeApiServer api() {
    return api;
  }

  /** A directory for the test's own files, removed with the server's. */
  Path dir() {
    return dir;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("kube-test-");
    api = LocalKubeApiServer.start(dir.resolve("kube"), Map.of());
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      if (api != null) {
        api.close();
      }
    } finally {
      api = null;
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
