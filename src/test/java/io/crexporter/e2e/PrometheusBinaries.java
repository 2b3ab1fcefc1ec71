package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the {@code prometheus} and {@code promtool} executables. The end-to-end tests need the real
 * programs: on a developer machine without them the tests are skipped, but on CI a missing binary
 * is a broken build image and must fail loudly instead of silently skipping the only test that
 * talks to a real Prometheus.
 */
final class PrometheusBinaries {

  private PrometheusBinaries() {}

  /** The executable's path; skips the calling test (or fails it on CI) when it is not installed. */
  static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isPresent()) {
      return found.get();
    }
    String message =
        "'"
            + name
            + "' was not found on PATH or in /usr/bin; install Debian's prometheus package"
            + " (apt-get install prometheus) to run the Prometheus end-to-end tests";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure rather than a skip)");
    }
    Assumptions.assumeTrue(false, message);
    throw new AssertionError("unreachable: the assumption above aborts the test");
  }

  /** Looks on PATH first, then in /usr/bin, where Debian installs them. */
  static Optional<Path> find(String name) {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String directory : path.split(File.pathSeparator)) {
        if (!directory.isEmpty()) {
          candidates.add(Path.of(directory, name));
        }
      }
    }
    candidates.add(Path.of("/usr/bin", name));
    return candidates.stream()
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst();
  }
}
