package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code promtool check metrics}, run on an exposition; skipped where promtool is missing. */
final class Promtool {

  private Promtool() {}

  /** Fails with promtool's own words when it flags {@code exposition}. */
  static void assertMetricsPass(Path directory, String exposition) throws Exception {
    Path promtool = PrometheusBinaries.require("promtool");
    Path metrics = Files.writeString(directory.resolve("metrics.txt"), exposition);
    Path output = directory.resolve("promtool.out");
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectInput(metrics.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("promtool did not finish within 30 s");
    }
    assertEquals(
        0,
        process.exitValue(),
        () -> "promtool check metrics flagged the exposition:\n" + read(output));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
