package io.crexporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.app.Exporter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped mapping file, applied to the shipped example objects, gives exactly the exposition
 * in {@code src/test/resources/golden/<file>.prom} (compared after sorting lines). Run with {@code
 * -Dgolden.update=true} to rewrite the expected files after a deliberate change, then review the
 * diff.
 */
class GoldenExpositionTest {

  private static final Path CONFIG = Path.of("config");
  private static final Path EXAMPLES = Path.of("examples");
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Stream<Path> mappingFiles() throws IOException {
    try (Stream<Path> files = Files.list(CONFIG)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappingFiles")
  void rendersTheExpectedExposition(Path mappingFile) throws Exception {
    String actual = render(List.of(mappingFile), List.of(EXAMPLES));
    Path golden = GOLDEN.resolve(mappingFile.getFileName().toString().replace(".yaml", ".prom"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual);
    }
    assertTrue(Files.exists(golden), "no golden file " + golden + " for " + mappingFile);
    assertEquals(
        sortedLines(Files.readString(golden)), sortedLines(actual), "exposition of " + mappingFile);
    assertFalse(actual.isBlank(), mappingFile + " maps none of the example objects");
  }

  @Test
  void everyGoldenFileBelongsToAShippedMapping() throws IOException {
    try (Stream<Path> files = Files.list(GOLDEN)) {
      for (Path golden : files.toList()) {
        Path mapping = CONFIG.resolve(golden.getFileName().toString().replace(".prom", ".yaml"));
        assertTrue(Files.exists(mapping), golden + " has no mapping file " + mapping);
      }
    }
  }

  static String render(List<Path> config, List<Path> objects) throws Exception {
    try (Exporter exporter =
        Exporter.create(new Exporter.Options(config, objects, false, false, false))) {
      exporter.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, exporter.registry().scrape());
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static String sortedLines(String text) {
    return Arrays.stream(text.split("\n")).sorted().collect(Collectors.joining("\n"));
  }
}
