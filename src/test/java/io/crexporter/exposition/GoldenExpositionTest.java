package io.crexporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crexporter.Fixtures;
import io.crexporter.config.ConfigLoader;
import io.crexporter.mapping.ResourceMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped mapping file, applied to every fixture object on its own, gives exactly the
 * exposition in {@code src/test/resources/golden/<file>.prom}: one section per object file it maps,
 * lines sorted. Every kind a file maps must appear. Run with {@code -Dgolden.update=true} to
 * rewrite the expected files after a deliberate change, then read the diff.
 */
class GoldenExpositionTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Stream<Path> mappingFiles() {
    return Fixtures.mappingFiles().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappingFiles")
  void rendersTheExpectedExposition(Path mappingFile) throws Exception {
    List<String> sections = new ArrayList<>();
    TreeSet<String> kindsSeen = new TreeSet<>();
    for (Path fixture : Fixtures.files()) {
      String text = Fixtures.render(List.of(mappingFile), List.of(fixture));
      if (text.lines().anyMatch(line -> !line.startsWith("#"))) {
        sections.add("# " + Fixtures.ROOT.relativize(fixture) + "\n" + sortedLines(text));
        kindsSeen.add(kindOf(fixture));
      }
    }
    String actual = String.join("\n", sections) + "\n";
    Path golden = GOLDEN.resolve(mappingFile.getFileName().toString().replace(".yaml", ".prom"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual);
    }
    assertTrue(Files.exists(golden), "no golden file " + golden + " for " + mappingFile);
    assertEquals(Files.readString(golden), actual, "exposition of " + mappingFile);
    for (ResourceMapping mapping : ConfigLoader.load(List.of(mappingFile)).resources()) {
      assertTrue(
          kindsSeen.contains(mapping.resource().kind()),
          mappingFile + " maps " + mapping.resource() + " but no fixture object shows it");
    }
  }

  @Test
  void everyGoldenFileBelongsToAShippedMapping() throws IOException {
    try (Stream<Path> files = Files.list(GOLDEN)) {
      for (Path golden : files.toList()) {
        Path mapping = Path.of("config", golden.getFileName().toString().replace(".prom", ".yaml"));
        assertTrue(Files.exists(mapping), golden + " has no mapping file " + mapping);
      }
    }
  }

  private static String kindOf(Path fixture) throws IOException {
    return Files.readAllLines(fixture).stream()
        .filter(line -> line.startsWith("kind: "))
        .map(line -> line.substring("kind: ".length()).trim())
        .findFirst()
        .orElse("");
  }

  private static String sortedLines(String text) {
    return Arrays.stream(text.split("\n")).sorted().collect(Collectors.joining("\n"));
  }
}
