package io.crexporter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every shipped mapping makes of every fixture object passes {@code promtool check metrics}.
 */
class ShippedMappingsPromtoolTest {

  @Test
  void promtoolAcceptsTheRenderOfAllMappingsOverAllFixtures(@TempDir Path dir) throws Exception {
    Path promtool = PrometheusBinaries.require("promtool");
    String text = Fixtures.render(Fixtures.mappingFiles(), Fixtures.files());
    assertTrue(text.lines().filter(l -> !l.startsWith("#")).count() > 100, text);
    Path input = dir.resolve("render.prom");
    Path output = dir.resolve("promtool.out");
    Files.writeString(input, text);
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectInput(input.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
    assertEquals(0, process.exitValue(), () -> "promtool flagged:\n" + read(output));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
